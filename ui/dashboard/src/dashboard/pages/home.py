"""Home: the merchant's API credentials, payment statistics and the last week's chart."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from dashboard.api_client import GatewayError, SignedOut
from dashboard.auth import merchant_api
from dashboard.chart import outcome_chart
from dashboard.stats import collect_payments, summarize
from paygate_shared.timefmt import utcnow

blp = Blueprint("home", __name__)


@blp.get("/")
def root():
    return redirect(url_for("home.show"))


@blp.get("/dashboard")
def show():
    # the credentials come from the session: they stay visible when the payments API is not answering
    try:
        payments, total = collect_payments(merchant_api())
    except SignedOut:
        raise
    except GatewayError as exc:
        return render_template("home.html", stats=None, chart=None, problem=exc.message), exc.page_status
    stats = summarize(payments, total, utcnow().date())
    return render_template("home.html", stats=stats, chart=outcome_chart(stats.days), problem=None)

"""Refunds: successful payments to refund in full or in part, and the refunds made, refreshing while pending."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from flask import Blueprint, flash, redirect, render_template, request, url_for

from dashboard.api_client import GatewayClient, GatewayError, SignedOut
from dashboard.auth import merchant_api
from dashboard.formatting import rupees
from dashboard.pages.transactions import refunds_of, require_payment_id
from dashboard.pagination import Pager

blp = Blueprint("refunds", __name__, url_prefix="/dashboard/refunds")

PAYMENTS_PAGE_SIZE = 10
REFUNDS_PAGE_SIZE = 20
MAX_REASON = 255


class RefundRefused(Exception):
    """The form asked for a refund that cannot be made; the message says why."""


def available_to_refund(client: GatewayClient, payment_id: str) -> int:
    """Paise still refundable: the amount less every refund, pending or processed."""
    payment = client.get_payment(payment_id)
    return payment["amount"] - sum(refund["amount"] for refund in refunds_of(client, payment_id))


def requested_amount(client: GatewayClient, payment_id: str, form: Mapping[str, str]) -> int:
    if form.get("full"):
        available = available_to_refund(client, payment_id)
        if available <= 0:
            raise RefundRefused("This payment has nothing left to refund.")
        return available
    raw = form.get("amount", "").strip()
    if not raw.isdigit() or int(raw) <= 0:
        raise RefundRefused("Enter the refund amount as a whole number of paise, e.g. 5000 for ₹50.00.")
    return int(raw)


def _refunds_table_context() -> dict:
    pager = Pager.from_args(request.args, REFUNDS_PAGE_SIZE)
    page = merchant_api().list_refunds(limit=pager.size, offset=pager.offset)
    return {
        "refunds": page.data,
        "refunds_pager": pager.with_total(page.total),
        "any_pending": any(refund["status"] == "pending" for refund in page.data),
    }


@blp.get("")
def index():
    pager = Pager.from_args(request.args, PAYMENTS_PAGE_SIZE, param="payments_page")
    payments = merchant_api().list_payments(status="success", limit=pager.size, offset=pager.offset)
    return render_template(
        "refunds.html",
        payments=payments.data,
        payments_pager=pager.with_total(payments.total),
        fresh_key=lambda: str(uuid.uuid4()),
        **_refunds_table_context(),
    )


@blp.get("/table")
def table():
    """The refunds table alone, for the page's script to refresh it."""
    return render_template("_refunds_table.html", **_refunds_table_context())


@blp.post("")
def create():
    client = merchant_api()
    payment_id = require_payment_id(request.form.get("payment_id", ""))
    reason = request.form.get("reason", "").strip()[:MAX_REASON] or None
    try:
        amount = requested_amount(client, payment_id, request.form)
        refund = client.create_refund(payment_id, amount, reason, request.form.get("idempotency_key"))
    except SignedOut:
        raise
    except (RefundRefused, GatewayError) as exc:
        flash(f"No refund was made for {payment_id}: {exc}", "error")
    else:
        flash(f"Refund {refund['id']} of {rupees(refund['amount'])} created; it is pending.", "success")
    return redirect(url_for(".index"))

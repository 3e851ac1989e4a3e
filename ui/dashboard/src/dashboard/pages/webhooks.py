"""Webhooks: where events are sent and with which secret, the delivery log, retries and a test event."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for

from dashboard.api_client import GatewayError, SignedOut
from dashboard.auth import merchant_api
from dashboard.pagination import Pager

blp = Blueprint("webhooks", __name__, url_prefix="/dashboard/webhooks")

PAGE_SIZE = 20


def require_webhook_id(webhook_id: str) -> str:
    try:
        return str(uuid.UUID(webhook_id))
    except ValueError:
        abort(404, f"There is no webhook delivery {webhook_id}.")


def _logs_context() -> dict:
    pager = Pager.from_args(request.args, PAGE_SIZE)
    page = merchant_api().list_webhook_deliveries(limit=pager.size, offset=pager.offset)
    return {"deliveries": page.data, "pager": pager.with_total(page.total)}


def _act(action, success: str) -> None:
    """Run a configuration change and say how it went."""
    try:
        action()
    except SignedOut:
        raise
    except GatewayError as exc:
        flash(exc.message, "error")
    else:
        flash(success, "success")


@blp.get("")
def index():
    return render_template("webhooks.html", config=merchant_api().webhook_config(), **_logs_context())


@blp.get("/logs")
def logs():
    """The delivery log table alone, for the page's script to refresh it."""
    return render_template("_webhook_logs_table.html", **_logs_context())


@blp.post("")
def save():
    url = request.form.get("webhook_url", "").strip() or None
    saved = "Webhook URL saved." if url else "Webhook URL removed: no events will be sent."
    _act(lambda: merchant_api().save_webhook_url(url), saved)
    return redirect(url_for(".index"))


@blp.post("/regenerate-secret")
def regenerate_secret():
    _act(
        merchant_api().regenerate_webhook_secret,
        "A new webhook secret is in use; update your receiver to verify with it.",
    )
    return redirect(url_for(".index"))


@blp.post("/test")
def send_test():
    """Answered as JSON: the page's script shows the outcome and refreshes the log."""
    try:
        entry = merchant_api().send_test_webhook()
    except SignedOut:
        raise
    except GatewayError as exc:
        return jsonify(error=exc.message), exc.page_status
    return jsonify(id=entry.get("id"), message="Test event sent; watch for it in the delivery log below."), 202


@blp.get("/<webhook_id>")
def detail(webhook_id: str):
    delivery = merchant_api().get_webhook_delivery(require_webhook_id(webhook_id))
    return render_template("webhook_delivery.html", delivery=delivery)


@blp.post("/<webhook_id>/retry")
def retry(webhook_id: str):
    webhook_id = require_webhook_id(webhook_id)
    _act(lambda: merchant_api().retry_webhook(webhook_id), "Delivery scheduled again; it is being sent now.")
    if request.form.get("back") == "detail":
        return redirect(url_for(".detail", webhook_id=webhook_id))
    return redirect(url_for(".index"))

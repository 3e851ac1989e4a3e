"""Transactions: the merchant's payments, filtered and paged; one payment in detail; capture."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from dashboard.api_client import GatewayClient, GatewayError, SignedOut, every_item
from dashboard.auth import merchant_api
from dashboard.pagination import Pager
from paygate_shared.ids import is_valid_id

blp = Blueprint("transactions", __name__, url_prefix="/dashboard/transactions")

PAGE_SIZE = 20
STATUSES = ("pending", "success", "failed")
METHODS = ("upi", "card")
MAX_REFUNDS_SHOWN = 1000
DELIVERIES_SHOWN = 50


def require_payment_id(payment_id: str) -> str:
    if not is_valid_id("pay_", payment_id):
        abort(404, f"There is no payment {payment_id}.")
    return payment_id


def refunds_of(client: GatewayClient, payment_id: str) -> list[dict]:
    refunds, _total = every_item(
        lambda limit, offset: client.list_refunds(limit=limit, offset=offset, payment_id=payment_id),
        MAX_REFUNDS_SHOWN,
    )
    return refunds


def is_capturable(payment: dict) -> bool:
    return payment["status"] == "success" and not payment.get("captured")


def payment_timeline(payment: dict, refunds: list[dict]) -> list[tuple[str | None, str]]:
    """What happened to a payment, oldest first, as (timestamp, sentence)."""
    events: list[tuple[str | None, str]] = [(payment["created_at"], "Payment created, processing started")]
    if payment["status"] == "success":
        events.append((payment.get("updated_at"), "Payment succeeded"))
    elif payment["status"] == "failed":
        reason = payment.get("error_description") or "no reason given"
        events.append((payment.get("updated_at"), f"Payment failed: {reason}"))
    if payment.get("captured"):
        events.append((payment.get("updated_at"), "Payment captured"))
    for refund in refunds:
        events.append((refund["created_at"], f"Refund {refund['id']} of {refund['amount']} paise requested"))
        if refund.get("processed_at"):
            events.append((refund["processed_at"], f"Refund {refund['id']} processed"))
    return sorted(events, key=lambda event: event[0] or "")


@blp.get("")
def index():
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    method = request.args.get("method") if request.args.get("method") in METHODS else None
    pager = Pager.from_args(request.args, PAGE_SIZE)
    page = merchant_api().list_payments(limit=pager.size, offset=pager.offset, status=status, method=method)
    return render_template(
        "transactions.html",
        payments=page.data,
        pager=pager.with_total(page.total),
        filters={"status": status, "method": method},
        statuses=STATUSES,
        methods=METHODS,
    )


def _section(fetch: Callable[[], list[dict]]) -> tuple[list[dict] | None, str | None]:
    """A secondary section's rows, or why they cannot be shown: the payment itself still can be."""
    try:
        return fetch(), None
    except SignedOut:
        raise
    except GatewayError as exc:
        return None, exc.message


@blp.get("/<payment_id>")
def detail(payment_id: str):
    client = merchant_api()
    payment = client.get_payment(require_payment_id(payment_id))
    refunds, refunds_problem = _section(lambda: refunds_of(client, payment_id))
    deliveries, deliveries_problem = _section(
        lambda: client.list_webhook_deliveries(limit=DELIVERIES_SHOWN, payment_id=payment_id).data
    )
    return render_template(
        "payment.html",
        payment=payment,
        refunds=refunds,
        refunds_problem=refunds_problem,
        deliveries=deliveries,
        deliveries_problem=deliveries_problem,
        timeline=payment_timeline(payment, refunds or []),
        capturable=is_capturable(payment),
    )


@blp.post("/<payment_id>/capture")
def capture(payment_id: str):
    try:
        merchant_api().capture_payment(require_payment_id(payment_id))
    except SignedOut:
        raise
    except GatewayError as exc:
        flash(f"The payment was not captured: {exc.message}", "error")
    else:
        flash("Payment captured.", "success")
    return redirect(url_for(".detail", payment_id=payment_id))

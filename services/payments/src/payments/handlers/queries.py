"""Read-only queries: one payment (merchant or public view) and a merchant's list."""

from __future__ import annotations

from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from payments.domain.commands import ListPayments, PaymentQuery
from payments.handlers.dependencies import Dependencies


def payment_not_found() -> CommandRejected:
    return CommandRejected(404, "NOT_FOUND_ERROR", "Payment not found")


def get_payment(envelope: Envelope, *, deps: Dependencies) -> dict[str, Any]:
    query = PaymentQuery.from_payload(dict(envelope.payload))
    with deps.unit_of_work() as uow:
        payment = uow.payments.get(query.payment_id, query.merchant_id)
    if payment is None or query.merchant_id is None:
        raise payment_not_found()
    return payment.to_api()


def get_public_payment(envelope: Envelope, *, deps: Dependencies) -> dict[str, Any]:
    query = PaymentQuery.from_payload(dict(envelope.payload))
    with deps.unit_of_work() as uow:
        payment = uow.payments.get(query.payment_id)
    if payment is None:
        raise payment_not_found()
    return payment.to_public()


def list_payments(envelope: Envelope, *, deps: Dependencies) -> dict[str, Any]:
    query = ListPayments.from_payload(dict(envelope.payload))
    with deps.unit_of_work() as uow:
        items, total = uow.payments.list(
            query.merchant_id,
            query.limit,
            query.offset,
            status=query.status,
            method=query.method,
            order_id=query.order_id,
        )
    return {"data": [p.to_api() for p in items], "total": total, "limit": query.limit, "offset": query.offset}

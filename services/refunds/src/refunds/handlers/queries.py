"""Read-only queries: one refund and a merchant's list."""

from __future__ import annotations

from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from refunds.domain.commands import ListRefunds, RefundQuery
from refunds.handlers.dependencies import Dependencies


def get_refund(envelope: Envelope, *, deps: Dependencies) -> dict[str, Any]:
    query = RefundQuery.from_payload(dict(envelope.payload))
    with deps.unit_of_work() as uow:
        refund = uow.refunds.get(query.refund_id, query.merchant_id)
    if refund is None:
        raise CommandRejected(404, "NOT_FOUND_ERROR", "Refund not found")
    return refund.to_api()


def list_refunds(envelope: Envelope, *, deps: Dependencies) -> dict[str, Any]:
    query = ListRefunds.from_payload(dict(envelope.payload))
    with deps.unit_of_work() as uow:
        items, total = uow.refunds.list(query.merchant_id, query.limit, query.offset, payment_id=query.payment_id)
    return {"data": [r.to_api() for r in items], "total": total, "limit": query.limit, "offset": query.offset}

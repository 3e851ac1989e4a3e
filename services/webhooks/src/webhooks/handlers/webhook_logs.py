"""The merchant's delivery log: a page of entries, and one entry with its payload and every attempt."""

from __future__ import annotations

from typing import Any

from paygate_shared.contracts.webhooks import GetWebhookLog, ListWebhookLogs
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from webhooks.adapters.delivery_log_repository import LogFilter
from webhooks.domain.delivery_log import STATUSES
from webhooks.handlers.commands import BAD_REQUEST, merchant_entry, read_command
from webhooks.handlers.dependencies import Dependencies

MAX_PAGE = 100


def list_webhook_logs(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    query = read_command(ListWebhookLogs, envelope.payload)
    if not 1 <= query.limit <= MAX_PAGE or query.offset < 0:
        raise CommandRejected(400, BAD_REQUEST, f"limit must be between 1 and {MAX_PAGE}, offset 0 or more")
    if query.status is not None and query.status not in STATUSES:
        raise CommandRejected(400, BAD_REQUEST, f"status must be one of {', '.join(STATUSES)}")
    where = LogFilter(event=query.event, status=query.status, payment_id=query.payment_id)
    with deps.unit_of_work() as uow:
        entries, total = uow.log.page(query.merchant_id, where, query.limit, query.offset)
    return {"data": [entry.to_api() for entry in entries], "total": total, "limit": query.limit, "offset": query.offset}


def get_webhook_log(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    query = read_command(GetWebhookLog, envelope.payload)
    with deps.unit_of_work() as uow:
        entry = merchant_entry(uow, query.merchant_id, query.id)
        return entry.to_api_detail(uow.log.attempts(entry.id))

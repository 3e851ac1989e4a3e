"""A payment or refund event becomes one log entry and a delivery job for its merchant, if it has a URL."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from webhooks.adapters.unit_of_work import UnitOfWork
from webhooks.domain.delivery_job import DeliveryJob
from webhooks.domain.delivery_log import LogEntry, new_entry
from webhooks.domain.events import (
    UnreadableEvent,
    event_data,
    log_id_for,
    parse_occurred_at,
    payment_id_of,
    webhook_body,
)
from webhooks.handlers.dependencies import Dependencies


def record_event(envelope: Envelope, deps: Dependencies) -> None:
    try:
        merchant_id, data = event_data(envelope.payload)
        occurred_at = parse_occurred_at(envelope.occurred_at)
    except UnreadableEvent as exc:
        raise PermanentError(f"{envelope.type} {envelope.message_id}: {exc}") from exc
    # a redelivered event needs no record of its own: its log entry's id derives from the event's
    with deps.unit_of_work() as uow:
        endpoint = uow.endpoints.get(merchant_id)
        if endpoint is None or endpoint.url is None:
            return  # no URL, no delivery and no log entry
        log_event(
            uow,
            merchant_id=merchant_id,
            event_id=envelope.message_id,
            event=envelope.type,
            data=data,
            occurred_at=occurred_at,
            now=deps.clock(),
            correlation_id=envelope.correlation_id,
        )


def log_event(
    uow: UnitOfWork,
    *,
    merchant_id: str,
    event_id: str,
    event: str,
    data: Mapping[str, Any],
    occurred_at: datetime,
    now: datetime,
    correlation_id: str | None,
) -> LogEntry:
    """Log the event for the merchant and schedule its first attempt; an event logged before keeps its entry."""
    entry = new_entry(
        log_id=log_id_for(merchant_id, event_id),
        merchant_id=merchant_id,
        event_id=event_id,
        event=event,
        payment_id=payment_id_of(data),
        body=webhook_body(event, occurred_at, data),
        now=now,
        correlation_id=correlation_id,
    )
    if uow.log.add(entry):
        uow.jobs.schedule(DeliveryJob.of(entry), correlation_id=correlation_id)
        return entry
    existing = uow.log.get(merchant_id, entry.id)
    assert existing is not None  # the add conflicted with it
    return existing

"""A payment or refund event becomes one log entry and its first delivery attempt, for a merchant with a URL."""

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
from webhooks.handlers.deliver_webhook import CLAIM_LEASE, deliver_claimed
from webhooks.handlers.dependencies import Dependencies


def record_event(envelope: Envelope, deps: Dependencies) -> None:
    """Log the event for its merchant and make the first attempt at once, if the merchant has a URL.

    Attempting here instead of through a delivery job spares each event a trip through the
    outbox and the jobs queue. The entry is stored with its first attempt claimed, so should
    this worker die before recording the attempt, the claim lapses and the sweep schedules it.
    A merchant whose endpoint hangs gets its first attempt as a job, so its events do not
    wait on its slots here.
    """
    try:
        merchant_id, data = event_data(envelope.payload)
        occurred_at = parse_occurred_at(envelope.occurred_at)
    except UnreadableEvent as exc:
        raise PermanentError(f"{envelope.type} {envelope.message_id}: {exc}") from exc
    now = deps.clock()
    entry = event_entry(
        merchant_id=merchant_id,
        event_id=envelope.message_id,
        event=envelope.type,
        data=data,
        occurred_at=occurred_at,
        now=now,
        correlation_id=envelope.correlation_id,
    )
    # a merchant without a URL gets no delivery and no log entry; a redelivered event needs no entry
    # of its own, as its entry's id derives from the event's
    if deps.slots.refuses(merchant_id):
        with deps.unit_of_work() as uow:  # the entry and its job commit together
            endpoint = uow.endpoints.get(merchant_id)
            if endpoint is not None and endpoint.url is not None:
                log_event(uow, entry)
        return
    with deps.unit_of_work(single_statement=True) as uow:
        endpoint, added = uow.log.add_for_endpoint(entry, claimed_until=now + CLAIM_LEASE)
    if added:  # else logged before: its first attempt was made or claimed then
        deliver_claimed(DeliveryJob.of(entry), entry, endpoint, deps)


def event_entry(
    *,
    merchant_id: str,
    event_id: str,
    event: str,
    data: Mapping[str, Any],
    occurred_at: datetime,
    now: datetime,
    correlation_id: str | None,
) -> LogEntry:
    """The log entry of an event for a merchant; its id derives from the event's, so a redelivery names it again."""
    return new_entry(
        log_id=log_id_for(merchant_id, event_id),
        merchant_id=merchant_id,
        event_id=event_id,
        event=event,
        payment_id=payment_id_of(data),
        body=webhook_body(event, occurred_at, data),
        now=now,
        correlation_id=correlation_id,
    )


def log_event(uow: UnitOfWork, entry: LogEntry) -> LogEntry:
    """Log the entry and schedule its first attempt as a job; an event logged before keeps its entry."""
    if uow.log.add(entry):
        uow.jobs.schedule(DeliveryJob.of(entry), correlation_id=entry.correlation_id)
        return entry
    existing = uow.log.get(entry.merchant_id, entry.id)
    assert existing is not None  # the add conflicted with it
    return existing

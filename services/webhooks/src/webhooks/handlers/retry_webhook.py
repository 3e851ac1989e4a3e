"""Manual retries: the same log entry, attempts reset to 0, delivered again now; one entry or a merchant's failures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from paygate_shared.contracts.webhooks import ReplayFailedWebhooks, RetryWebhook
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from webhooks.domain.delivery_job import DeliveryJob
from webhooks.domain.delivery_log import LogEntry
from webhooks.handlers.commands import BAD_REQUEST, merchant_entry, no_webhook_url, read_command
from webhooks.handlers.dependencies import Dependencies


def retry_webhook(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    command = read_command(RetryWebhook, envelope.payload)
    with deps.unit_of_work() as uow:
        entry = merchant_entry(uow, command.merchant_id, command.id)
        endpoint = uow.endpoints.get(command.merchant_id)
        if endpoint is None or endpoint.url is None:
            raise no_webhook_url()
        entry = _retry(uow, entry, deps, envelope.correlation_id)
    return {"id": entry.id, "status": entry.status, "message": "Webhook retry scheduled"}


def replay_failed_webhooks(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    command = read_command(ReplayFailedWebhooks, envelope.payload)
    since, until = _moment(command.since, "since"), _moment(command.until, "until")
    with deps.unit_of_work() as uow:
        endpoint = uow.endpoints.get(command.merchant_id)
        if endpoint is None or endpoint.url is None:
            raise no_webhook_url()
        failed = uow.log.failed_between(command.merchant_id, since, until, command.limit)
        replayed = [_retry(uow, entry, deps, envelope.correlation_id).id for entry in failed]
    return {"replayed": replayed}


def _retry(uow, entry: LogEntry, deps: Dependencies, correlation_id: str | None) -> LogEntry:
    entry = entry.retried(deps.clock())
    uow.log.reschedule(entry)
    uow.jobs.schedule(DeliveryJob.of(entry), correlation_id=correlation_id)
    return entry


def _moment(value: str, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, ValueError) as exc:
        raise CommandRejected(400, BAD_REQUEST, f"{name} must be an ISO-8601 timestamp") from exc
    if moment.tzinfo is None:
        raise CommandRejected(400, BAD_REQUEST, f"{name} must include a time zone (e.g. Z)")
    return moment

"""A manual retry: the same log entry, attempts reset to 0, delivered again now."""

from __future__ import annotations

from typing import Any

from paygate_shared.contracts.webhooks import RetryWebhook
from paygate_shared.messaging.envelope import Envelope
from webhooks.domain.delivery_job import DeliveryJob
from webhooks.handlers.commands import merchant_entry, no_webhook_url, read_command
from webhooks.handlers.dependencies import Dependencies


def retry_webhook(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    command = read_command(RetryWebhook, envelope.payload)
    with deps.unit_of_work() as uow:
        entry = merchant_entry(uow, command.merchant_id, command.id)
        endpoint = uow.endpoints.get(command.merchant_id)
        if endpoint is None or endpoint.url is None:
            raise no_webhook_url()
        entry = entry.retried(deps.clock())
        uow.log.reschedule(entry)
        uow.jobs.schedule(DeliveryJob.of(entry), correlation_id=envelope.correlation_id)
    return {"id": entry.id, "status": entry.status, "message": "Webhook retry scheduled"}

"""A `webhook.test` event, delivered now to the merchant's URL like any other event."""

from __future__ import annotations

from typing import Any

from paygate_shared.contracts.webhooks import SendTestWebhook
from paygate_shared.messaging.envelope import Envelope
from webhooks.domain.events import TEST_EVENT
from webhooks.handlers.commands import no_webhook_url, read_command
from webhooks.handlers.dependencies import Dependencies
from webhooks.handlers.record_event import event_entry, log_event

TEST_MESSAGE = "This is a test webhook from Paygate"


def send_test_webhook(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    command = read_command(SendTestWebhook, envelope.payload)
    now = deps.clock()
    with deps.unit_of_work() as uow:
        endpoint = uow.endpoints.get(command.merchant_id)
        if endpoint is None or endpoint.url is None:
            raise no_webhook_url()
        entry = log_event(
            uow,
            event_entry(
                merchant_id=command.merchant_id,
                event_id=command.command_id or envelope.message_id,
                event=TEST_EVENT,
                data={"message": TEST_MESSAGE},
                occurred_at=now,
                now=now,
                correlation_id=envelope.correlation_id,
            ),
        )
    return entry.to_api()

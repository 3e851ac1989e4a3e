"""What the webhooks service reacts to: every message type it consumes and the handler that answers it.

Handlers take the message and the service's Dependencies; bootstrap binds the second.

- commands (request/reply from the gateway, `webhooks.commands`): configuration and the log
- events (`webhooks.events`, every payment and refund event): one log entry and its first
  delivery attempt per event of a merchant with a URL
- jobs (`webhooks.jobs`): one delivery attempt each (retries, which come back through delay
  queues, and first attempts to an endpoint that hangs)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from paygate_shared.contracts.webhooks import (
    GetWebhookConfig,
    GetWebhookLog,
    ListWebhookLogs,
    RegenerateWebhookSecret,
    ReplayFailedWebhooks,
    RetryWebhook,
    SendTestWebhook,
    UpdateWebhookConfig,
)
from paygate_shared.messaging.envelope import Envelope
from webhooks.domain.delivery_job import DELIVER_WEBHOOK
from webhooks.domain.events import DOMAIN_EVENTS
from webhooks.handlers.deliver_webhook import deliver_webhook
from webhooks.handlers.dependencies import Dependencies
from webhooks.handlers.record_event import record_event
from webhooks.handlers.retry_webhook import replay_failed_webhooks, retry_webhook
from webhooks.handlers.send_test_webhook import send_test_webhook
from webhooks.handlers.webhook_config import get_webhook_config, regenerate_webhook_secret, update_webhook_config
from webhooks.handlers.webhook_logs import get_webhook_log, list_webhook_logs

Handler = Callable[[Envelope, Dependencies], Any]

COMMANDS: dict[str, Handler] = {
    GetWebhookConfig.TYPE: get_webhook_config,
    UpdateWebhookConfig.TYPE: update_webhook_config,
    RegenerateWebhookSecret.TYPE: regenerate_webhook_secret,
    SendTestWebhook.TYPE: send_test_webhook,
    ListWebhookLogs.TYPE: list_webhook_logs,
    GetWebhookLog.TYPE: get_webhook_log,
    RetryWebhook.TYPE: retry_webhook,
    ReplayFailedWebhooks.TYPE: replay_failed_webhooks,
}

EVENTS: dict[str, Handler] = {event: record_event for event in DOMAIN_EVENTS}

JOBS: dict[str, Handler] = {DELIVER_WEBHOOK: deliver_webhook}

HANDLERS: dict[str, Handler] = {**COMMANDS, **EVENTS, **JOBS}

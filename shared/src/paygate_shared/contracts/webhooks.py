"""Commands the webhooks service answers over request/reply; the gateway and the operator command send them.

Each command is sent as `rpc.call(SERVICE, Command.TYPE, asdict(command))` and read back with
`Command(**payload)`. Results are plain JSON, described beside each command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

SERVICE = "webhooks"


@dataclass(frozen=True)
class GetWebhookConfig:
    """-> {webhook_url, webhook_secret}; creates the merchant's endpoint (and secret) on first use."""

    TYPE: ClassVar[str] = "get_webhook_config"
    merchant_id: str


@dataclass(frozen=True)
class UpdateWebhookConfig:
    """-> {webhook_url, webhook_secret}; a refused URL is a 400 BAD_REQUEST_ERROR."""

    TYPE: ClassVar[str] = "update_webhook_config"
    merchant_id: str
    webhook_url: str | None


@dataclass(frozen=True)
class RegenerateWebhookSecret:
    """-> {webhook_url, webhook_secret} with a new secret."""

    TYPE: ClassVar[str] = "regenerate_webhook_secret"
    merchant_id: str


@dataclass(frozen=True)
class SendTestWebhook:
    """-> the new log entry of a `webhook.test` event; 400 when no URL is configured.

    A repeated `command_id` answers with the entry the first one created.
    """

    TYPE: ClassVar[str] = "send_test_webhook"
    merchant_id: str
    command_id: str | None = None


@dataclass(frozen=True)
class ListWebhookLogs:
    """-> {data: [log entry], total, limit, offset}, newest first."""

    TYPE: ClassVar[str] = "list_webhook_logs"
    merchant_id: str
    limit: int = 10
    offset: int = 0
    event: str | None = None
    status: str | None = None
    payment_id: str | None = None


@dataclass(frozen=True)
class GetWebhookLog:
    """-> the log entry with `payload` and `deliveries`; 404 when the merchant has no such entry."""

    TYPE: ClassVar[str] = "get_webhook_log"
    merchant_id: str
    id: str


@dataclass(frozen=True)
class RetryWebhook:
    """-> {id, status: "pending", message}: the same entry, attempts reset, delivered again now."""

    TYPE: ClassVar[str] = "retry_webhook"
    merchant_id: str
    id: str


@dataclass(frozen=True)
class ReplayFailedWebhooks:
    """-> {replayed: [log ids]}: every failed entry of the merchant created in [since, until), retried like RetryWebhook.

    `since` and `until` are ISO-8601 timestamps; at most `limit` entries, oldest first.
    """

    TYPE: ClassVar[str] = "replay_failed_webhooks"
    merchant_id: str
    since: str
    until: str
    limit: int = 1000

"""Reading request/reply commands: a malformed one is the caller's mistake (400), an unknown entry a 404."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, TypeVar

from paygate_shared.messaging.errors import CommandRejected
from webhooks.adapters.unit_of_work import UnitOfWork
from webhooks.domain.delivery_log import LogEntry

C = TypeVar("C")

BAD_REQUEST = "BAD_REQUEST_ERROR"
NOT_FOUND = "NOT_FOUND_ERROR"


def is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def read_command(command_class: type[C], payload: Mapping[str, Any]) -> C:
    """The command in `payload`, which must name a merchant by UUID."""
    try:
        command = command_class(**payload)
    except TypeError as exc:
        raise CommandRejected(400, BAD_REQUEST, f"Malformed {command_class.__name__} command: {exc}") from exc
    if not is_uuid(command.merchant_id):
        raise CommandRejected(400, BAD_REQUEST, "merchant_id must be a UUID")
    return command


def merchant_entry(uow: UnitOfWork, merchant_id: str, log_id: str) -> LogEntry:
    """The merchant's log entry named by a command; a 404 for a malformed id or another merchant's entry too."""
    entry = uow.log.get(merchant_id, log_id) if is_uuid(log_id) else None
    if entry is None:
        raise CommandRejected(404, NOT_FOUND, "Webhook log not found")
    return entry


def no_webhook_url() -> CommandRejected:
    return CommandRejected(400, BAD_REQUEST, "No webhook URL is configured")

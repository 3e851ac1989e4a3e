"""The events merchants receive and the exact bytes each one is delivered as."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

PAYMENT_EVENTS = ("payment.created", "payment.pending", "payment.success", "payment.failed", "payment.captured")
REFUND_EVENTS = ("refund.created", "refund.processed")
DOMAIN_EVENTS = PAYMENT_EVENTS + REFUND_EVENTS
TEST_EVENT = "webhook.test"

# log ids are derived from (merchant, event), so a redelivered event names the entry it already has
_LOG_NAMESPACE = uuid.UUID("6f1c2b7e-9a54-4d0e-8c3f-2a9b5e7d1c40")


class UnreadableEvent(ValueError):
    """A domain event without the fields a delivery needs."""


def log_id_for(merchant_id: str, event_id: str) -> str:
    """The delivery log id (the `webhook-id` merchants see) of one event for one merchant."""
    return str(uuid.uuid5(_LOG_NAMESPACE, f"{merchant_id}:{event_id}"))


def webhook_body(event: str, occurred_at: datetime, data: Mapping[str, Any]) -> str:
    """The body as JavaScript's JSON.stringify writes it: compact separators, non-ASCII kept as is."""
    body = {"event": event, "timestamp": int(occurred_at.timestamp()), "data": dict(data)}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)


def event_data(payload: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Split an event payload into its merchant and what the webhook's `data` carries."""
    merchant_id = payload.get("merchant_id")
    if not isinstance(merchant_id, str) or not merchant_id:
        raise UnreadableEvent("the event names no merchant_id")
    try:
        uuid.UUID(merchant_id)
    except ValueError as exc:
        raise UnreadableEvent(f"merchant_id is not a UUID: {merchant_id!r}") from exc
    data = {key: value for key, value in payload.items() if key != "merchant_id"}
    return merchant_id, data


def payment_id_of(data: Mapping[str, Any]) -> str | None:
    """The payment an event is about, so the log can be filtered by payment."""
    payment = data.get("payment")
    if isinstance(payment, Mapping):
        return payment.get("id")
    refund = data.get("refund")
    if isinstance(refund, Mapping):
        return refund.get("payment_id")
    return None


def parse_occurred_at(value: str) -> datetime:
    """An envelope's `occurred_at` (ISO-8601 UTC, e.g. 2024-01-15T10:31:00Z) as a datetime."""
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise UnreadableEvent(f"occurred_at is not an ISO-8601 time: {value!r}") from exc

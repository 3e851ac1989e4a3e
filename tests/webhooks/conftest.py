"""Webhook tests against the real stack: a fresh merchant per test, and events published as a service would."""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import dataclass

import pytest
import requests

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import EVENTS_EXCHANGE, WEBHOOKS, event_headers


@dataclass
class Merchant:
    id: str
    webhook_secret: str
    api: requests.Session

    def point_webhooks_at(self, url: str | None) -> None:
        response = self.api.put("/api/v1/webhooks/config", json={"webhook_url": url})
        assert response.status_code == 200, response.text

    def log(self, **query) -> list[dict]:
        response = self.api.get("/api/v1/webhooks", params={"limit": 100, **query})
        assert response.status_code == 200, response.text
        return response.json()["data"]

    def entry(self, log_id: str) -> dict:
        response = self.api.get(f"/api/v1/webhooks/{log_id}")
        assert response.status_code == 200, response.text
        return response.json()


def create_merchant(stack) -> Merchant:
    suffix = uuid.uuid4().hex[:8]
    created = stack.create_merchant(f"Webhooks {suffix}", f"webhooks-{suffix}@example.com")
    api = stack.session(headers={"X-Api-Key": created["api_key"], "X-Api-Secret": created["api_secret"]})
    return Merchant(id=created["id"], webhook_secret=created["webhook_secret"], api=api)


@pytest.fixture
def new_merchant(stack):
    """Make a merchant of its own for a test, so no other test's deliveries reach its receiver."""
    return lambda: create_merchant(stack)


class Events:
    """Publishes domain events to `paygate.events` exactly as the payments and refunds services do."""

    def __init__(self, stack) -> None:
        self._stack = stack
        self._publisher = Publisher(stack.isolation.amqp_url)

    def __call__(self, event: str, merchant_id: str, **data) -> Envelope:
        envelope = Envelope(type=event, payload={"merchant_id": merchant_id, **data}, correlation_id=str(uuid.uuid4()))
        return self.again(envelope)

    def again(self, envelope: Envelope) -> Envelope:
        """Publish an event once more, as a redelivery after a publisher's lost confirm would."""
        self._publisher.publish(
            envelope,
            exchange=EVENTS_EXCHANGE,
            routing_key=envelope.type,
            headers=event_headers(envelope.payload.get("merchant_id")),
            mandatory=False,
        )
        return envelope

    def all_handled(self) -> bool:
        """Whether the webhooks service has handled (and acknowledged) every event published so far."""
        listing = subprocess.run(
            ["rabbitmqctl", "-q", "list_queues", "-p", self._stack.isolation.vhost, "name", "messages"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        counts = dict(line.split("\t") for line in listing.splitlines() if "\t" in line)
        return counts.get(WEBHOOKS.events_queue) == "0"

    def close(self) -> None:
        self._publisher.close()


@pytest.fixture
def events(stack):
    publisher = Events(stack)
    yield publisher
    publisher.close()


def a_payment(status: str = "success", **fields) -> dict:
    """A payment as the API shows it."""
    return {
        "id": "pay_" + uuid.uuid4().hex[:16],
        "order_id": "order_" + uuid.uuid4().hex[:16],
        "amount": 50000,
        "currency": "INR",
        "method": "upi",
        "vpa": "user@paytm",
        "status": status,
        "captured": False,
        "created_at": "2024-01-15T10:31:00Z",
        **fields,
    }


def a_refund(payment_id: str, status: str = "pending") -> dict:
    return {
        "id": "rfnd_" + uuid.uuid4().hex[:16],
        "payment_id": payment_id,
        "amount": 10000,
        "reason": "Customer request",
        "status": status,
        "created_at": "2024-01-15T10:35:00Z",
        "processed_at": None,
    }

"""Helpers for refund tests: creating and awaiting refunds, reading the refunds schema, listening to events."""

from __future__ import annotations

import contextlib
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg2
from kombu import Connection, Queue

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.topology import EVENTS_EXCHANGE
from tests.support.waiting import eventually


def refund(api, payment_id: str, amount: int, reason: str | None = None, **headers: str):
    body = {"amount": amount} if reason is None else {"amount": amount, "reason": reason}
    return api.post(f"/api/v1/payments/{payment_id}/refunds", json=body, headers=headers)


def create_refund(api, payment_id: str, amount: int, reason: str | None = None) -> dict:
    response = refund(api, payment_id, amount, reason)
    assert response.status_code == 201, response.text
    return response.json()


def wait_processed(api, refund_id: str, timeout: float = 20) -> dict:
    def processed():
        found = api.get(f"/api/v1/refunds/{refund_id}").json()
        return found if found.get("status") == "processed" else None

    return eventually(processed, timeout=timeout, what=f"refund {refund_id} processed")


def wait_refunded(api, payment_id: str, amount: int, timeout: float = 20) -> dict:
    def refunded():
        payment = api.get(f"/api/v1/payments/{payment_id}").json()
        return payment if payment.get("amount_refunded") == amount else None

    return eventually(refunded, timeout=timeout, what=f"payment {payment_id} refunded {amount}")


def query(database_url: str, sql: str, *params) -> list[tuple]:
    """Read the isolated database directly, as an auditor would."""
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        conn.close()


def refunded_total(database_url: str, payment_id: str) -> int:
    rows = query(database_url, "SELECT coalesce(sum(amount), 0) FROM refunds.refunds WHERE payment_id = %s", payment_id)
    return int(rows[0][0])


@dataclass
class EventTap:
    """Events seen on paygate.events since the tap opened."""

    connection: Connection
    events: list[Envelope] = field(default_factory=list)

    def collect(self) -> list[Envelope]:
        with contextlib.suppress(TimeoutError, socket.timeout):
            while True:
                self.connection.drain_events(timeout=0.2)
        return self.events

    def of(self, event_type: str, refund_id: str) -> list[Envelope]:
        return [e for e in self.collect() if e.type == event_type and e.payload["refund"]["id"] == refund_id]


@contextlib.contextmanager
def event_tap(amqp_url: str, pattern: str = "refund.*") -> Iterator[EventTap]:
    with Connection(amqp_url) as connection:
        tap = EventTap(connection)
        queue = Queue(
            f"test.tap.{uuid.uuid4().hex[:8]}",
            exchange=EVENTS_EXCHANGE,
            routing_key=pattern,
            exclusive=True,
            auto_delete=True,
        )

        def keep(body, message) -> None:
            tap.events.append(Envelope.from_json(message.body))
            message.ack()

        with connection.Consumer(queue, callbacks=[keep]):
            yield tap


def ready_messages(amqp_url: str, queue_name: str) -> int:
    with Connection(amqp_url) as connection:
        _name, count, _consumers = connection.default_channel.queue_declare(queue=queue_name, passive=True)
    return count

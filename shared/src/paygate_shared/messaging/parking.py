"""Parked messages: list what rests in `<queue>.parking` and replay it to its queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kombu import Connection

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import SERVICES, parking_queue_name


@dataclass(frozen=True)
class ParkedMessage:
    queue: str
    message_id: str | None
    message_type: str | None
    reason: str | None
    body: bytes
    headers: dict[str, Any]

    def describe(self) -> dict[str, Any]:
        return {
            "queue": self.queue,
            "message_id": self.message_id,
            "type": self.message_type,
            "reason": self.reason,
            "size": len(self.body),
        }


def parked_queues() -> list[tuple[str, str]]:
    """(service, queue) for every queue that has a parking queue."""
    return [(service, name) for service, topology in SERVICES.items() for name in topology.queue_names]


def _death_reason(headers: dict[str, Any]) -> str | None:
    deaths = headers.get("x-death") or []
    return str(deaths[0].get("reason")) if deaths else headers.get("x-first-death-reason")


def list_parked(amqp_url: str, *, limit: int = 100) -> list[ParkedMessage]:
    """Peek at parked messages without removing them (they return when the channel closes)."""
    found: list[ParkedMessage] = []
    with publisher_connection(amqp_url, confirms=False, name="parking") as connection:
        for _service, queue in parked_queues():
            found.extend(_peek(connection, queue, limit - len(found)))
            if len(found) >= limit:
                break
    return found


def _peek(connection: Connection, queue: str, limit: int) -> list[ParkedMessage]:
    channel = connection.channel()
    found = []
    try:
        while len(found) < limit:
            message = channel.basic_get(parking_queue_name(queue), no_ack=False)
            if message is None:
                break
            found.append(_parked(queue, message))
    finally:
        channel.close()  # unacked messages go back to the parking queue
    return found


def _parked(queue: str, message) -> ParkedMessage:
    headers = dict(message.properties.get("application_headers") or {})
    return ParkedMessage(
        queue=queue,
        message_id=message.properties.get("message_id"),
        message_type=message.properties.get("type"),
        reason=_death_reason(headers),
        body=bytes(message.body),
        headers=headers,
    )


def replay_parked(amqp_url: str, *, message_id: str | None = None, queue: str | None = None) -> int:
    """Move parked messages back to their queue; only `message_id` if given. Returns how many."""
    publisher = Publisher(amqp_url)
    moved = 0
    with publisher_connection(amqp_url, confirms=False, name="parking") as connection:
        for service, name in parked_queues():
            if queue and queue != name:
                continue
            channel = connection.channel()
            try:
                moved += _replay_queue(channel, publisher, service, name, message_id)
            finally:
                channel.close()
    publisher.close()
    return moved


def _replay_queue(channel, publisher: Publisher, service: str, queue: str, message_id: str | None) -> int:
    moved = 0
    while True:
        message = channel.basic_get(parking_queue_name(queue), no_ack=False)
        if message is None:
            return moved
        parked = _parked(queue, message)
        if message_id and parked.message_id != message_id:
            continue  # left unacked: it returns to parking when the channel closes
        headers = {k: v for k, v in parked.headers.items() if not k.startswith("x-")}
        publisher.publish_raw(
            parked.body,
            exchange=SERVICES[service].work_exchange,
            routing_key=queue,
            message_id=parked.message_id,
            message_type=parked.message_type,
            correlation_id=message.properties.get("correlation_id"),
            headers=headers,
        )
        channel.basic_ack(message.delivery_tag)
        moved += 1

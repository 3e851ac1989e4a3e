"""Parked messages: list what rests in `<queue>.parking` and replay it to its queue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from amqp.exceptions import NotFound
from kombu import Connection

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import DELAY_HEADER, SERVICES, ServiceTopology, parking_queue_name


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


def parked_queues(topologies: Iterable[ServiceTopology] | None = None) -> list[tuple[str, str]]:
    """(service, queue) for every queue that has a parking queue; every Paygate service's unless told."""
    chosen = SERVICES.values() if topologies is None else topologies
    return [(topology.name, name) for topology in chosen for name in topology.queue_names]


def _death_reason(headers: dict[str, Any]) -> str | None:
    deaths = headers.get("x-death") or []
    return str(deaths[0].get("reason")) if deaths else headers.get("x-first-death-reason")


def list_parked(
    amqp_url: str, *, limit: int = 100, topologies: Iterable[ServiceTopology] | None = None
) -> list[ParkedMessage]:
    """Peek at parked messages without removing them (they return when the channel closes)."""
    found: list[ParkedMessage] = []
    with publisher_connection(amqp_url, confirms=False, name="parking") as connection:
        for _service, queue in parked_queues(topologies):
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
    except NotFound:
        pass  # the service was never started here, so nothing of it can be parked
    finally:
        channel.close()  # unacked messages go back to the parking queue
    return found


def _parked(queue: str, message) -> ParkedMessage:
    headers = dict(message.properties.get("application_headers") or {})
    body = message.body
    if isinstance(body, str):  # the client decodes bodies that declare a content encoding
        body = body.encode(message.properties.get("content_encoding") or "utf-8")
    return ParkedMessage(
        queue=queue,
        message_id=message.properties.get("message_id"),
        message_type=message.properties.get("type"),
        reason=_death_reason(headers),
        body=bytes(body),
        headers=headers,
    )


def replay_parked(
    amqp_url: str,
    *,
    message_id: str | None = None,
    queue: str | None = None,
    topologies: Iterable[ServiceTopology] | None = None,
) -> int:
    """Move parked messages back to their queue; only `message_id` if given. Returns how many."""
    chosen = {topology.name: topology for topology in (SERVICES.values() if topologies is None else topologies)}
    publisher = Publisher(amqp_url)
    moved = 0
    with publisher_connection(amqp_url, confirms=False, name="parking") as connection:
        for service, name in parked_queues(chosen.values()):
            if queue and queue != name:
                continue
            channel = connection.channel()
            try:
                moved += _replay_queue(channel, publisher, chosen[service], name, message_id)
            except NotFound:
                pass  # the service was never started here, so nothing of it can be parked
            finally:
                channel.close()
    publisher.close()
    return moved


def _replay_queue(channel, publisher: Publisher, topology: ServiceTopology, queue: str, message_id: str | None) -> int:
    moved = 0
    while True:
        message = channel.basic_get(parking_queue_name(queue), no_ack=False)
        if message is None:
            return moved
        parked = _parked(queue, message)
        if message_id and parked.message_id != message_id:
            continue  # left unacked: it returns to parking when the channel closes
        publisher.publish_raw(
            parked.body,
            exchange=topology.work_exchange,
            routing_key=queue,
            message_id=parked.message_id,
            message_type=parked.message_type,
            correlation_id=message.properties.get("correlation_id"),
            headers=_fresh_headers(parked.headers),
        )
        channel.basic_ack(message.delivery_tag)
        moved += 1


def _fresh_headers(headers: dict[str, Any]) -> dict[str, Any]:
    """The headers of a first delivery: no death history, retry count or delay of the parked copy."""
    return {key: value for key, value in headers.items() if not key.startswith("x-") and key != DELAY_HEADER}

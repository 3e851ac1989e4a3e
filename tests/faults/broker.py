"""What a fault run reads from and does to RabbitMQ: queue depths, a record of every event, purges, poison."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import uuid
from collections.abc import Iterable

from kombu import Connection, Queue

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.topology import EVENTS_EXCHANGE, SERVICES, parking_queue_name


def queue_depths(vhost: str, column: str = "messages") -> dict[str, int]:
    """Messages in every queue of the vhost, as the broker itself counts them right now.

    `column` "messages" counts ready and unacknowledged ones; "messages_unacknowledged" only
    those a consumer holds.
    """
    listing = subprocess.run(
        ["rabbitmqctl", "-q", "list_queues", "-p", vhost, "name", column],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    depths = {}
    for line in listing.splitlines():
        name, _, count = line.partition("\t")
        if count.strip().isdigit():
            depths[name] = int(count)
    return depths


def work_queues(services: Iterable[str]) -> list[str]:
    """The commands, jobs and events queues of the running services."""
    return [name for service in services for name in SERVICES[service].queue_names]


def parking_queues(services: Iterable[str]) -> list[str]:
    return [parking_queue_name(name) for name in work_queues(services)]


def delay_queues(depths: dict[str, int], services: Iterable[str]) -> list[str]:
    prefixes = tuple(f"{service}.delay." for service in services)
    return [name for name in depths if name.startswith(prefixes)]


class EventTap:
    """A durable queue bound to every domain event, read at the end of a run: the broker's own account.

    Durable and quorum like the services' queues, so it keeps what it got through a broker crash.
    """

    def __init__(self, amqp_url: str) -> None:
        self._amqp_url = amqp_url
        self._queue = Queue(
            f"faults.tap.{uuid.uuid4().hex[:8]}",
            exchange=EVENTS_EXCHANGE,
            routing_key="#",
            durable=True,
            queue_arguments={"x-queue-type": "quorum"},
        )
        self._events: list[Envelope] = []

    def __enter__(self) -> EventTap:
        with Connection(self._amqp_url) as connection:
            self._queue(connection.default_channel).declare()
        return self

    def __exit__(self, *exc_info: object) -> None:
        with contextlib.suppress(Exception), Connection(self._amqp_url) as connection:
            self._queue(connection.default_channel).delete()

    def events(self) -> list[Envelope]:
        """Every event published since the tap opened (read so far plus what waits in the queue)."""
        with Connection(self._amqp_url) as connection:

            def keep(_body, message) -> None:
                self._events.append(Envelope.from_json(message.body))
                message.ack()

            with (
                connection.Consumer(self._queue, callbacks=[keep], prefetch_count=500),
                contextlib.suppress(TimeoutError, socket.timeout),
            ):
                while True:
                    connection.drain_events(timeout=1)
        return list(self._events)


def purge(amqp_url: str, queue: str) -> int:
    """Drop every message of a queue, as an operator's mistake or a lost node would; returns how many."""
    with Connection(amqp_url) as connection:
        return connection.default_channel.queue_purge(queue) or 0

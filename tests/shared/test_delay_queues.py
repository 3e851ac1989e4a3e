"""Delay queues on the real broker: a delayed message waits in the queue of its own delay, and only there."""

from __future__ import annotations

import uuid

from kombu import Connection

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import (
    DELAY_HEADER,
    TRANSIENT_RETRY_DELAYS_MS,
    ServiceTopology,
    declare_service,
    delay_binding_arguments,
)
from tests.support.waiting import eventually

DELAYS_MS = (60_000, 120_000)


def waiting_per_delay(connection: Connection, topology: ServiceTopology) -> dict[int, int]:
    channel = connection.default_channel
    delays = sorted({*DELAYS_MS, *TRANSIENT_RETRY_DELAYS_MS})
    return {ms: channel.queue_declare(queue=topology.delay_queue_name(ms), passive=True)[1] for ms in delays}


def test_a_delayed_message_waits_only_in_the_queue_of_its_delay(isolation):
    topology = ServiceTopology(f"probe{uuid.uuid4().hex[:8]}")
    publisher = Publisher(isolation.amqp_url)
    with Connection(isolation.amqp_url) as connection:
        declare_service(connection.default_channel, topology, DELAYS_MS)

        publisher.publish(
            Envelope(type="probe", payload={}),
            exchange=topology.delay_exchange,
            routing_key=topology.jobs_queue,
            headers={DELAY_HEADER: 120_000},
        )

        expected = {ms: int(ms == 120_000) for ms in waiting_per_delay(connection, topology)}
        eventually(lambda: waiting_per_delay(connection, topology) == expected, what="one copy, in the 120 s queue")
    publisher.close()


def test_declaring_removes_a_binding_that_matched_every_message(isolation):
    topology = ServiceTopology(f"probe{uuid.uuid4().hex[:8]}")
    publisher = Publisher(isolation.amqp_url)
    with Connection(isolation.amqp_url) as connection:
        channel = connection.default_channel
        declare_service(channel, topology, DELAYS_MS)
        channel.queue_bind(
            queue=topology.delay_queue_name(60_000),
            exchange=topology.delay_exchange.name,
            routing_key="",
            arguments=delay_binding_arguments(60_000, match="all"),
        )

        declare_service(channel, topology, DELAYS_MS)
        publisher.publish(
            Envelope(type="probe", payload={}),
            exchange=topology.delay_exchange,
            routing_key=topology.jobs_queue,
            headers={DELAY_HEADER: 120_000},
        )

        eventually(lambda: waiting_per_delay(connection, topology)[120_000] == 1, what="the message delayed")
        assert waiting_per_delay(connection, topology)[60_000] == 0
    publisher.close()

"""A delayed message is held by exactly one delay queue: the one named by its delay."""

from __future__ import annotations

import contextlib
import time

from kombu import Connection, Consumer

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import DELAY_HEADER, ServiceTopology, declare_service, service_queues

TOPOLOGY = ServiceTopology("delayrouting")


def test_a_delayed_message_arrives_once_after_its_own_delay(isolation):
    received: list[float] = []
    with Connection(isolation.amqp_url) as connection:
        channel = connection.channel()
        declare_service(channel, TOPOLOGY, delays_ms=(300, 4000))
        jobs = service_queues(TOPOLOGY)[TOPOLOGY.jobs_queue]
        publisher = Publisher(isolation.amqp_url)
        sent = time.monotonic()
        publisher.publish(
            Envelope(type="tick", payload={}),
            exchange=TOPOLOGY.delay_exchange,
            routing_key=TOPOLOGY.jobs_queue,
            headers={DELAY_HEADER: 300},
        )
        publisher.close()

        def on_message(message) -> None:
            received.append(time.monotonic() - sent)
            message.ack()

        with Consumer(channel, queues=[jobs], on_message=on_message, no_ack=False):
            deadline = time.monotonic() + 6  # past every delay queue's TTL: a second copy would show up
            while time.monotonic() < deadline:
                with contextlib.suppress(TimeoutError):
                    connection.drain_events(timeout=0.2)

    assert len(received) == 1
    assert 0.3 <= received[0] < 4.0

"""Delay queues: a delayed message waits in exactly the queue of its delay, then returns to its work queue."""

from __future__ import annotations

from kombu import Connection

from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import DELAY_HEADER, ServiceTopology, declare_service
from tests.support.waiting import eventually

DELAYS_MS = (1_000, 5_000, 30_000)
#: a service nobody runs, so no worker consumes what the test looks at
IDLE = ServiceTopology("delay-check")


def _depth(channel, queue: str) -> int:
    return channel.queue_declare(queue, passive=True).message_count


def test_a_delayed_message_waits_only_in_the_queue_of_its_delay_then_reaches_its_work_queue(isolation):
    with Connection(isolation.amqp_url) as connection:
        channel = connection.channel()
        declare_service(channel, IDLE, delays_ms=DELAYS_MS)
        publisher = Publisher(isolation.amqp_url)

        publisher.publish_raw(
            b"{}",
            exchange=IDLE.delay_exchange,
            routing_key=IDLE.jobs_queue,
            headers={DELAY_HEADER: 1_000},
        )
        publisher.close()

        waiting = {delay: _depth(channel, IDLE.delay_queue_name(delay)) for delay in DELAYS_MS}
        assert waiting == {1_000: 1, 5_000: 0, 30_000: 0}
        eventually(lambda: _depth(channel, IDLE.jobs_queue) == 1, timeout=10, what="the message back on its queue")
        assert _depth(channel, IDLE.delay_queue_name(1_000)) == 0

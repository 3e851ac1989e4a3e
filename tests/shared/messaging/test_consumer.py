"""The service consumer: failing messages end in parking without blocking the queue, and it survives the broker."""

from __future__ import annotations

import threading
import time
from collections import Counter

from kombu import Connection

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from paygate_shared.messaging.topology import DELIVERY_LIMIT
from tests.faults.broker import queue_depths
from tests.support.waiting import eventually


def test_a_message_that_always_fails_is_parked_after_its_retries_while_later_ones_keep_flowing(
    topology, send_job, start_consumer, parked
):
    poison_attempts: list[float] = []
    processed: dict[int, float] = {}

    def process(envelope):
        if envelope.payload["poison"]:
            poison_attempts.append(time.monotonic())
            raise ConnectionError("the processor is down")
        processed[envelope.payload["n"]] = time.monotonic()

    start_consumer({"thing.process": process}, pool_size=1, retry_delays_ms=(300, 600), max_retries=3)
    poison = send_job(Envelope("thing.process", {"poison": True}))
    for n in range(20):
        send_job(Envelope("thing.process", {"poison": False, "n": n}))

    parked_ids = eventually(lambda: [m.message_id for m in parked()], timeout=30, what="the poison message parked")

    assert parked_ids == [poison.message_id]
    assert len(poison_attempts) == 1 + 3
    assert sorted(processed) == list(range(20))
    assert max(processed.values()) < poison_attempts[-1], "later messages waited behind the failing one"


def test_a_permanent_error_is_parked_at_once(topology, send_job, start_consumer, parked):
    attempts = []

    def process(envelope):
        attempts.append(envelope.message_id)
        raise PermanentError("this card network does not exist")

    start_consumer({"thing.process": process})
    impossible = send_job(Envelope("thing.process", {}))

    parked_messages = eventually(parked, what="the message parked")

    assert [m.message_id for m in parked_messages] == [impossible.message_id]
    assert parked_messages[0].queue == topology.jobs_queue
    assert parked_messages[0].reason == "rejected"
    assert attempts == [impossible.message_id]


def test_a_message_nobody_can_read_is_parked(topology, publisher, start_consumer, parked):
    start_consumer({})
    publisher.publish_raw(b"not json", exchange=topology.work_exchange, routing_key=topology.jobs_queue)

    assert [m.body for m in eventually(parked, what="the message parked")] == [b"not json"]


def test_a_message_whose_consumer_keeps_dying_is_parked_after_the_delivery_limit(amqp_url, topology, send_job, parked):
    crash = send_job(Envelope("thing.crash", {}))
    deliveries = 0

    with Connection(amqp_url) as connection:
        while True:
            channel = connection.channel()
            message = channel.basic_get(topology.jobs_queue, no_ack=False)
            channel.close()  # what the broker sees when a worker dies before its ack
            if message is None:
                break
            deliveries += 1
            assert deliveries <= DELIVERY_LIMIT + 1, "the broker keeps redelivering a message that kills consumers"

    parked_messages = eventually(parked, what="the message parked")
    assert [m.message_id for m in parked_messages] == [crash.message_id]
    assert parked_messages[0].reason == "delivery_limit"
    assert deliveries > 1


def test_the_consumer_reconnects_by_itself_when_the_broker_drops_its_connection(
    topology, send_job, start_consumer, broker_admin
):
    processed = []
    start_consumer({"thing.process": lambda envelope: processed.append(envelope.payload["n"])})
    send_job(Envelope("thing.process", {"n": 1}))
    eventually(lambda: processed == [1], what="the first message")
    consumer_name = f"{topology.name} consumer"
    [(old_pid, _)] = [c for c in broker_admin.connections() if c[1] == consumer_name]

    broker_admin.close_connections(lambda name: name == consumer_name)
    send_job(Envelope("thing.process", {"n": 2}))

    eventually(lambda: processed == [1, 2], what="a message after the connection was dropped")
    [(new_pid, _)] = [c for c in broker_admin.connections() if c[1] == consumer_name]
    assert new_pid != old_pid


def test_handlers_finishing_out_of_order_are_acknowledged_without_releasing_the_ones_still_at_work(
    isolation, topology, send_job, start_consumer
):
    finish_quick_ones, release = threading.Event(), threading.Event()
    handled: Counter[int] = Counter()
    held = [n for n in range(16) if n % 4 == 3]

    def process(envelope):
        handled[envelope.payload["n"]] += 1
        # the quick ones finish together, so the consumer settles several in one turn
        (release if envelope.payload["n"] in held else finish_quick_ones).wait(60)

    def unacknowledged() -> int:
        return queue_depths(isolation.vhost, "messages_unacknowledged").get(topology.jobs_queue, -1)

    start_consumer({"thing.process": process}, pool_size=16, prefetch=16)
    for n in range(16):
        send_job(Envelope("thing.process", {"n": n}))
    eventually(lambda: len(handled) == 16, what="every message handed to a handler")
    finish_quick_ones.set()

    # the quick ones are acknowledged (several in one `multiple` ack); the held ones stay in the consumer's hands
    eventually(lambda: unacknowledged() == len(held), timeout=30, what="only the held messages unacknowledged")
    release.set()
    eventually(lambda: queue_depths(isolation.vhost).get(topology.jobs_queue) == 0, timeout=30, what="all acked")

    assert handled == Counter(range(16)), "a message was delivered again"

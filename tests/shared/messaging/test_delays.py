"""Delays: one queue per delay length, so a short delay never waits behind a long one."""

from __future__ import annotations

import time

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.topology import DELAY_HEADER
from tests.support.waiting import eventually


def test_a_one_second_delay_is_not_held_behind_a_ten_second_delay(topology, publisher, start_consumer):
    arrivals: list[tuple[int, float]] = []
    start_consumer({"thing.remind": lambda envelope: arrivals.append((envelope.payload["delay_ms"], time.monotonic()))})
    sent_at = time.monotonic()

    for delay_ms in (10_000, 1_000):
        publisher.publish(
            Envelope("thing.remind", {"delay_ms": delay_ms}),
            exchange=topology.delay_exchange,
            routing_key=topology.jobs_queue,
            headers={DELAY_HEADER: delay_ms},
        )
    eventually(lambda: len(arrivals) >= 2, timeout=40, what="both reminders")

    assert [delay_ms for delay_ms, _ in arrivals[:2]] == [1_000, 10_000]
    for delay_ms, arrived_at in arrivals[:2]:
        assert arrived_at - sent_at >= delay_ms / 1000, f"the {delay_ms} ms message came early"

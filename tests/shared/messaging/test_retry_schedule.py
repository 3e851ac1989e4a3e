"""The transient-retry schedule: growing delays, the last one repeated, then parking."""

from __future__ import annotations

from paygate_shared.messaging.consumer import MAX_TRANSIENT_RETRIES, retry_delay_ms


def test_retries_wait_longer_each_time_then_repeat_the_longest_delay():
    delays = [retry_delay_ms(retries) for retries in range(MAX_TRANSIENT_RETRIES)]

    assert delays == [1_000, 5_000, 30_000, 30_000, 30_000, 30_000]


def test_a_message_is_not_retried_once_its_retries_are_spent():
    assert retry_delay_ms(MAX_TRANSIENT_RETRIES) is None
    assert retry_delay_ms(MAX_TRANSIENT_RETRIES + 5) is None


def test_a_consumer_can_use_its_own_schedule():
    delays = [retry_delay_ms(retries, (100, 200), max_retries=3) for retries in range(4)]

    assert delays == [100, 200, 200, None]

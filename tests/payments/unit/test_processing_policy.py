"""The simulated processor's timing and odds."""

from __future__ import annotations

import random

from payments.domain.processing import NORMAL_DELAYS_MS, ProcessorPolicy


def test_test_mode_uses_the_configured_delay_and_outcome():
    policy = ProcessorPolicy(test_mode=True, test_delay_ms=250, test_success=False)

    assert policy.delay_ms() == 250
    assert policy.possible_delays_ms() == (250,)
    assert not policy.succeeds("upi") and not policy.succeeds("card")


def test_normal_mode_waits_5_to_10_seconds_on_a_declared_delay_queue():
    policy = ProcessorPolicy(test_mode=False, rng=random.Random(7))

    delays = {policy.delay_ms() for _ in range(200)}

    assert delays <= set(NORMAL_DELAYS_MS) and min(delays) >= 5000 and max(delays) <= 10000
    assert len(delays) > 1


def test_normal_mode_success_rates_are_about_90_and_95_percent():
    policy = ProcessorPolicy(test_mode=False, rng=random.Random(11))

    upi = sum(policy.succeeds("upi") for _ in range(20000)) / 20000
    card = sum(policy.succeeds("card") for _ in range(20000)) / 20000

    assert 0.88 < upi < 0.92
    assert 0.935 < card < 0.965

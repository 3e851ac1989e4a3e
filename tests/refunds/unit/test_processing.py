"""Refund timing: 3-5 s on declared delay queues, or the configured test delay."""

from __future__ import annotations

import random

from refunds.config import Settings
from refunds.domain.processing import NORMAL_DELAYS_MS, RefundTiming


def test_test_mode_uses_the_configured_delay():
    timing = RefundTiming(test_mode=True, test_delay_ms=250)

    assert timing.delay_ms() == 250
    assert timing.possible_delays_ms() == (250,)


def test_a_zero_test_delay_processes_at_once_without_a_delay_queue():
    assert RefundTiming(test_mode=True, test_delay_ms=0).possible_delays_ms() == ()


def test_normal_mode_waits_3_to_5_seconds_on_a_declared_delay_queue():
    timing = RefundTiming(test_mode=False, rng=random.Random(3))

    delays = {timing.delay_ms() for _ in range(100)}

    assert delays <= set(timing.possible_delays_ms()) == set(NORMAL_DELAYS_MS)
    assert min(delays) >= 3000 and max(delays) <= 5000 and len(delays) > 1


def test_the_refund_test_delay_defaults_to_the_payment_test_delay():
    assert Settings.from_env({"TEST_PROCESSING_DELAY": "500"}).test_refund_processing_delay_ms == 500
    assert Settings.from_env({}).test_refund_processing_delay_ms == 1000
    settings = Settings.from_env({"TEST_PROCESSING_DELAY": "500", "TEST_REFUND_PROCESSING_DELAY": "2000"})
    assert settings.test_refund_processing_delay_ms == 2000

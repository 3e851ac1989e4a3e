"""RabbitMQ crashing (SIGKILL) or restarted politely while payments, refunds and webhook retries are in flight."""

from __future__ import annotations

import pytest

from tests.faults.harness import FaultRun
from tests.faults.receiver import FailFirstAttempts
from tests.support.stack import installed
from tests.support.waiting import eventually

# outages of the machine's shared servers: `make test-faults` runs them, `make test` stays within its budget
pytestmark = pytest.mark.slow_faults


def test_the_broker_killed_mid_flight_and_restarted_loses_and_repeats_nothing(
    fault_stack, fault_payments, shared_infrastructure
):
    with FaultRun(fault_stack, payments=fault_payments) as run:
        run.start()
        run.wait_for_payments(fault_payments // 3)
        refused_before = run.answers.count(503)
        with shared_infrastructure.broker_killed():
            eventually(lambda: run.answers.count(503) > refused_before, timeout=60, what="the API to answer 503")
        fault_stack.wait_until_healthy(timeout=180)
        report = run.finish()

    assert report.answers.get(500) is None
    print(f"broker killed: {report}")


def test_a_graceful_broker_restart_during_webhook_retries_delivers_every_webhook(
    fault_stack, fault_payments, shared_infrastructure
):
    if not installed("webhooks"):
        pytest.skip("the webhooks service is not part of this system yet")
    receiver = FailFirstAttempts(2)
    with FaultRun(fault_stack, payments=fault_payments, answer=receiver) as run:
        run.start()
        run.wait_for_payments(fault_payments // 3)
        eventually(lambda: receiver.awaiting_retry() >= 20, timeout=120, what="webhooks waiting for their retries")
        waiting = receiver.awaiting_retry()
        with shared_infrastructure.broker_app_stopped():
            eventually(lambda: run.answers.count(503) > 0, timeout=60, what="the API to answer 503")
        fault_stack.wait_until_healthy(timeout=180)
        report = run.finish()

    print(f"broker restarted while {waiting} webhooks waited for a retry: {report}")

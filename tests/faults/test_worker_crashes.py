"""Workers killed with SIGKILL while they hold messages, then started again: nothing is lost or done twice."""

from __future__ import annotations

import threading

import pytest

from tests.faults.broker import queue_depths, work_queues
from tests.faults.harness import FaultRun
from tests.faults.receiver import Delivery
from tests.support.stack import Stack, installed
from tests.support.waiting import eventually


def kill_mid_message(stack: Stack, worker: str) -> int:
    """Freeze the worker, let the broker hand it messages it cannot finish, then SIGKILL it and start it again.

    A frozen process keeps its connection, so the broker goes on delivering up to its
    prefetch: when it dies those messages are in its hands, unacknowledged. Returns how many.
    """
    stack.freeze(worker)
    try:
        held = eventually(
            lambda: sum(
                queue_depths(stack.isolation.vhost, "messages_unacknowledged").get(q, 0) for q in work_queues([worker])
            ),
            timeout=60,
            what=f"{worker} to hold messages",
        )
    finally:
        stack.kill(worker)
        stack.start(worker)
    return held


@pytest.mark.parametrize("worker", ["payments", "refunds", "webhooks"])
def test_a_worker_killed_while_holding_messages_loses_nothing_and_repeats_nothing(fault_stack, fault_payments, worker):
    if not installed(worker):
        pytest.skip(f"the {worker} service is not part of this system yet")
    with FaultRun(fault_stack, payments=fault_payments) as run:
        run.start()
        run.wait_for_payments(fault_payments // 3)
        held = kill_mid_message(fault_stack, worker)
        fault_stack.wait_until_healthy()
        report = run.finish()

    print(f"{worker}: killed holding {held} message(s); {report}")
    # a request the frozen worker never answered was a 503: keyed ones were retried, keyless ones may not exist
    assert run.traffic.payments_created <= report.payments <= fault_payments
    assert run.traffic.payments_created >= fault_payments - report.answers.get(503, 0)


class KillWebhooksOnFirstSuccess:
    """A merchant's endpoint that, on the first payment.success it gets, kills the webhooks worker before answering.

    The worker has made the HTTP call but never records it, so the event must come again.
    """

    def __init__(self, stack: Stack) -> None:
        self._stack = stack
        self.killed: Delivery | None = None
        self.done = threading.Event()

    def __call__(self, delivery: Delivery) -> int:
        if self.killed is None and delivery.subject()[0] == "payment.success":
            self.killed = delivery
            self._stack.kill("webhooks")
            self.done.set()
        return 200


# waits for the sweep to re-send the claimed attempt: `make test-faults` runs it
@pytest.mark.slow_faults
def test_the_webhooks_worker_killed_after_sending_and_before_recording_delivers_the_same_webhook_again(
    fault_stack, fault_payments
):
    if not installed("webhooks"):
        pytest.skip("the webhooks service is not part of this system yet")
    killer = KillWebhooksOnFirstSuccess(fault_stack)
    with FaultRun(fault_stack, payments=fault_payments, answer=killer) as run:
        run.start()
        assert killer.done.wait(timeout=120), "no payment.success reached the receiver"
        fault_stack.start("webhooks")
        report = run.finish()
        copies = [d for d in run.receiver.deliveries() if d.webhook_id == killer.killed.webhook_id]

    assert len(copies) >= 2, "the webhook whose delivery was cut short never came again"
    assert {copy.body for copy in copies} == {killer.killed.body}
    print(f"webhook {killer.killed.webhook_id} delivered {len(copies)} times; {report}")

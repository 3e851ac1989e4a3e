"""Delay messages lost from their queues (purged, as a lost node or an operator's slip would) cost one sweep."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from kombu import Connection

from paygate_shared.messaging.topology import PAYMENTS, REFUNDS, WEBHOOKS
from tests.faults.harness import FaultRun
from tests.faults.receiver import FailFirstAttempts
from tests.support.stack import installed
from tests.support.waiting import eventually

PURGE_EVERY_S = 0.05
WEBHOOK_FIRST_RETRY_MS = 5_000
LOST_AT_LEAST = 5


class Purger:
    """Empties some queues every 50 ms in a thread, counting what it threw away."""

    def __init__(self, amqp_url: str, queues: list[str]) -> None:
        self.queues = queues
        self.purged: Counter[str] = Counter()
        self._amqp_url = amqp_url
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._purge, name="purger", daemon=True)

    def __enter__(self) -> Purger:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _purge(self) -> None:
        with Connection(self._amqp_url) as connection:
            channel = connection.default_channel
            while not self._stop.wait(PURGE_EVERY_S):
                for queue in self.queues:
                    self.purged[queue] += channel.queue_purge(queue) or 0


# waits out each service's sweep interval: `make test-faults` runs it
@pytest.mark.slow_faults
def test_jobs_lost_from_the_delay_queues_are_rescheduled_by_each_services_sweep(fault_stack, fault_payments):
    delay_ms = int(fault_stack.env["TEST_PROCESSING_DELAY"])
    lost = [PAYMENTS.delay_queue_name(delay_ms), REFUNDS.delay_queue_name(delay_ms)]
    if installed("webhooks"):
        lost.append(WEBHOOKS.delay_queue_name(WEBHOOK_FIRST_RETRY_MS))
    with FaultRun(fault_stack, payments=fault_payments, answer=FailFirstAttempts(1)) as run:
        run.start()
        run.wait_for_payments(fault_payments // 4)
        with Purger(fault_stack.isolation.amqp_url, lost) as purger:
            eventually(
                lambda: min(purger.purged[q] for q in lost) >= LOST_AT_LEAST,
                timeout=120,
                what=f"messages lost from {lost}",
            )
        report = run.finish()

    print(f"lost delayed messages {dict(purger.purged)}; {report}")

"""Concurrent partial refunds of one payment: the balance lets exactly as many through as the payment covers."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.payments.support import successful_payment
from tests.refunds.support import refund, refunded_total, wait_processed, wait_refunded

REQUESTS = 30
PAYMENT_AMOUNT = 10_000
REFUND_AMOUNT = 1_000


class TotalWatcher:
    """Samples the refunds table's total for one payment until stopped, keeping the highest seen."""

    def __init__(self, database_url: str, payment_id: str) -> None:
        self.highest = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(database_url, payment_id), daemon=True)

    def __enter__(self) -> TotalWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self, database_url: str, payment_id: str) -> None:
        while not self._stop.wait(0.02):
            self.highest = max(self.highest, refunded_total(database_url, payment_id))


@pytest.mark.parametrize("attempt", [1, 2])
def test_thirty_concurrent_refunds_of_a_tenth_each_yield_exactly_ten_refunds(stack, api, attempt):
    payment = successful_payment(api, PAYMENT_AMOUNT)
    database_url = stack.isolation.database_url
    start = threading.Barrier(REQUESTS)

    def one_refund(_):
        start.wait()
        return refund(api, payment["id"], REFUND_AMOUNT)

    with TotalWatcher(database_url, payment["id"]) as watcher, ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        responses = list(pool.map(one_refund, range(REQUESTS)))

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] * 10 + [400] * 20, [r.text for r in responses if r.status_code not in (201, 400)]
    assert {r.json()["error"]["description"] for r in responses if r.status_code == 400} == {
        "Refund amount exceeds available amount"
    }
    assert watcher.highest <= PAYMENT_AMOUNT
    assert refunded_total(database_url, payment["id"]) == PAYMENT_AMOUNT
    for created in (r.json() for r in responses if r.status_code == 201):
        wait_processed(api, created["id"])
    assert wait_refunded(api, payment["id"], PAYMENT_AMOUNT)["status"] == "success"

"""With slow payments (2 s) and refunds (3 s): refunds wait for success, wait their delay, and survive a worker kill."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from paygate_shared.messaging.topology import REFUNDS
from tests.payments.support import pay, successful_payment, wait_final
from tests.refunds.support import (
    create_refund,
    event_tap,
    query,
    ready_messages,
    refund,
    wait_processed,
    wait_refunded,
)
from tests.support.waiting import eventually

AMOUNTS = (1000, 2500, 3000)
STACK_ENV = {"TEST_PROCESSING_DELAY": "2000", "TEST_REFUND_PROCESSING_DELAY": "3000"}


def moment(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def create_concurrently(api, requests: list[tuple[str, int]]) -> list[dict]:
    """Create the refunds at once, so all are still pending when the worker is killed."""
    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(lambda request: create_refund(api, *request), requests))


def test_a_refund_is_refused_while_the_payment_is_pending_and_accepted_as_soon_as_it_succeeds(separate_stack):
    api = separate_stack.session()
    payment = pay(api, 30000)

    early = refund(api, payment["id"], 100)
    wait_final(api, payment["id"], timeout=30)
    right_after = refund(api, payment["id"], 100)

    assert early.status_code == 400
    assert early.json()["error"] == {"code": "BAD_REQUEST_ERROR", "description": "Payment not in refundable state"}
    assert right_after.status_code == 201, right_after.text


def test_a_refund_stays_pending_for_the_refund_processing_delay(separate_stack):
    api = separate_stack.session()
    created = create_refund(api, successful_payment(api, 30000)["id"], 100)

    processed = wait_processed(api, created["id"], timeout=30)

    assert (moment(processed["processed_at"]) - moment(processed["created_at"])).total_seconds() >= 2


def test_killing_the_refunds_worker_while_refunds_are_pending_leaves_each_processed_once(separate_stack):
    stack, api = separate_stack, separate_stack.session()
    database_url, amqp_url = stack.isolation.database_url, stack.isolation.amqp_url
    payments = [successful_payment(api, 10000) for _ in range(2)]

    with event_tap(amqp_url) as tap:
        refunds = create_concurrently(api, [(p["id"], amount) for p in payments for amount in AMOUNTS])
        eventually(lambda: query(database_url, "SELECT count(*) FROM refunds.outbox")[0][0] == 0, what="jobs sent")
        stack.kill("refunds")
        pending = query(database_url, "SELECT count(*) FROM refunds.refunds WHERE status = 'pending'")[0][0]
        # the delay queue hands the jobs on to the jobs queue, where they wait for a worker
        eventually(lambda: ready_messages(amqp_url, REFUNDS.jobs_queue) >= pending, what="jobs waiting")

        stack.start("refunds")
        stack.wait_until_healthy()
        processed = [wait_processed(api, r["id"], timeout=30) for r in refunds]
        for payment in payments:
            assert wait_refunded(api, payment["id"], sum(AMOUNTS))["status"] == "success"
        eventually(lambda: ready_messages(amqp_url, REFUNDS.jobs_queue) == 0, what="jobs consumed")
        processed_events = [tap.of("refund.processed", r["id"]) for r in refunds]

    assert pending > 0, "the worker was killed only after every refund was processed"
    assert [len(events) for events in processed_events] == [1] * len(refunds)
    assert [events[0].payload["refund"]["processed_at"] for events in processed_events] == [
        p["processed_at"] for p in processed
    ]
    assert [api.get(f"/api/v1/refunds/{r['id']}").json() for r in refunds] == processed

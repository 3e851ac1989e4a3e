"""Failed deliveries come back on the test schedule (5, 10, 15, 20 s), with the same webhook-id, five times at most."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.support.waiting import eventually
from tests.webhooks.conftest import Events, a_payment, create_merchant
from tests.webhooks.receiver import Receiver
from tests.webhooks.signatures import assert_signed

TEST_SCHEDULE_S = (5, 10, 15, 20)
#: a delay queue never delivers early; how late an attempt may be on a busy two-core machine
LATENESS_S = 5


@pytest.fixture(scope="module")
def failed_delivery(stack):
    """An event whose receiver answered 500 to all five attempts: (merchant, receiver, log entry)."""
    merchant = create_merchant(stack)
    events = Events(stack)
    with Receiver(status=lambda n: 500) as receiver:
        merchant.point_webhooks_at(receiver.url)
        events("payment.success", merchant.id, payment=a_payment())
        [entry] = eventually(
            lambda: [e for e in merchant.log() if e["status"] == "failed"],
            timeout=120,
            interval=0.5,
            what="the delivery to give up",
        )
        yield merchant, receiver, entry
    events.close()


def test_a_receiver_that_always_fails_gets_five_attempts_then_the_entry_fails(failed_delivery):
    merchant, receiver, entry = failed_delivery
    attempts = receiver.received[:5]

    assert entry["attempts"] == 5
    assert entry["response_code"] == 500
    assert entry["next_retry_at"] is None
    assert len({received.headers["webhook-id"] for received in attempts}) == 1
    assert len({received.body for received in attempts}) == 1
    for received in attempts:
        assert_signed(received, merchant.webhook_secret)
    gaps = [later.at - earlier.at for earlier, later in pairwise(attempts)]
    for gap, scheduled in zip(gaps, TEST_SCHEDULE_S, strict=True):
        assert scheduled - 0.5 <= gap <= scheduled + LATENESS_S, gaps
    deliveries = merchant.entry(entry["id"])["deliveries"]
    assert [d["attempt"] for d in deliveries[:5]] == [1, 2, 3, 4, 5]
    assert {d["response_code"] for d in deliveries[:5]} == {500}


def test_a_manual_retry_delivers_the_failed_entry_to_a_receiver_that_now_answers(failed_delivery):
    merchant, receiver, entry = failed_delivery
    receiver.status = lambda n: 200

    response = merchant.api.post(f"/api/v1/webhooks/{entry['id']}/retry")

    assert response.status_code == 200
    assert response.json() == {"id": entry["id"], "status": "pending", "message": "Webhook retry scheduled"}
    retried = eventually(lambda: merchant.entry(entry["id"])["status"] == "success" and merchant.entry(entry["id"]))
    assert retried["attempts"] == 1
    assert retried["response_code"] == 200
    assert len(retried["deliveries"]) == 6
    last = receiver.received[-1]
    assert last.headers["webhook-id"] == entry["id"] == receiver.received[0].headers["webhook-id"]
    assert last.body == receiver.received[0].body
    assert_signed(last, merchant.webhook_secret)


def test_a_receiver_failing_twice_gets_the_event_on_the_third_attempt_with_the_same_webhook_id(new_merchant, events):
    merchant = new_merchant()
    with Receiver(status=lambda n: 503 if n <= 2 else 200) as receiver:
        merchant.point_webhooks_at(receiver.url)
        events("refund.processed", merchant.id, refund={"id": "rfnd_a1b2c3d4e5f6g7h8", "status": "processed"})

        [waiting] = eventually(lambda: [e for e in merchant.log() if e["attempts"] == 1], what="a first failure")
        assert waiting["status"] == "pending"
        assert waiting["response_code"] == 503
        assert waiting["next_retry_at"] is not None
        delivered = eventually(
            lambda: merchant.entry(waiting["id"])["status"] == "success" and merchant.entry(waiting["id"]),
            timeout=60,
            what="the third attempt",
        )

    assert delivered["attempts"] == 3
    assert [d["response_code"] for d in delivered["deliveries"]] == [503, 503, 200]
    assert [r.headers["webhook-id"] for r in receiver.received] == [waiting["id"]] * 3
    assert len({r.body for r in receiver.received}) == 1


def test_a_manual_retry_of_a_pending_entry_delivers_now_and_resets_its_attempts(new_merchant):
    merchant = new_merchant()
    with Receiver(status=lambda n: 500) as receiver:
        merchant.point_webhooks_at(receiver.url)
        entry = merchant.api.post("/api/v1/webhooks/test").json()
        eventually(lambda: merchant.entry(entry["id"])["attempts"] == 1, what="a first failure")
        receiver.status = lambda n: 200

        assert merchant.api.post(f"/api/v1/webhooks/{entry['id']}/retry").status_code == 200

        retried = eventually(lambda: merchant.entry(entry["id"])["status"] == "success" and merchant.entry(entry["id"]))
    assert retried["attempts"] == 1
    assert [d["response_code"] for d in retried["deliveries"]] == [500, 200]

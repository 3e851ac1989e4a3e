"""An event becomes one log entry and its first delivery attempt for a merchant with a URL, and nothing otherwise."""

from __future__ import annotations

import json

import pytest

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from tests.webhooks.unit.fakes import TEST_DELAYS_S, FakeSender, answered, with_url, world
from webhooks.domain.delivery_job import DeliveryJob
from webhooks.domain.events import log_id_for
from webhooks.handlers.deliver_webhook import CLAIM_LEASE, ENDPOINT_BUSY_DELAY_MS
from webhooks.handlers.record_event import record_event
from webhooks.handlers.reschedule_overdue import OVERDUE_GRACE, reschedule_overdue

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"


class WorkerDied(Exception):
    pass


def crash(url, body, headers):
    raise WorkerDied


def payment_event(event: str = "payment.success", merchant_id: str = MERCHANT) -> Envelope:
    payment = {"id": "pay_a1b2c3d4e5f6g7h8", "amount": 50000, "status": "success"}
    return Envelope(
        type=event,
        payload={"merchant_id": merchant_id, "payment": payment},
        occurred_at="2024-01-15T10:31:00Z",
        correlation_id="req-1",
    )


def test_an_event_of_a_merchant_with_a_url_is_logged_and_delivered_at_once():
    w = world()
    with_url(w, MERCHANT)
    event = payment_event()

    record_event(event, w.deps)

    [entry] = w.db.entries.values()
    assert entry.id == log_id_for(MERCHANT, event.message_id)
    assert (entry.event, entry.status, entry.attempts, entry.payment_id) == (
        "payment.success",
        "success",
        1,
        "pay_a1b2c3d4e5f6g7h8",
    )
    [sent] = w.sender.sent
    assert sent.url == "https://shop.example.com/hooks"
    assert sent.headers["webhook-id"] == entry.id
    assert json.loads(sent.body) == {
        "event": "payment.success",
        "timestamp": 1705314660,
        "data": {"payment": {"id": "pay_a1b2c3d4e5f6g7h8", "amount": 50000, "status": "success"}},
    }
    assert sent.body.decode() == entry.payload
    assert w.db.jobs == []  # no job went through the broker
    assert w.db.claimed_until == {}
    # the entry, then its attempt: each one statement, committed without a transaction around it
    assert w.db.units == ["single statement", "single statement"]


def test_a_first_attempt_that_fails_is_retried_by_a_job_on_the_schedule():
    w = world()
    with_url(w, MERCHANT)
    w.sender.result = answered(500)

    record_event(payment_event(), w.deps)

    [entry] = w.db.entries.values()
    assert (entry.status, entry.attempts, entry.response_code) == ("pending", 1, 500)
    assert w.db.jobs == [(DeliveryJob.of(entry), TEST_DELAYS_S[1] * 1000)]
    # the attempt's record and its retry's job commit together
    assert w.db.units == ["single statement", "transaction"]

    w.sender.result = answered(200)
    w.run_jobs()

    assert w.db.entries[entry.id].status == "success"
    assert len(w.sender.sent) == 2
    assert {sent.body for sent in w.sender.sent} == {entry.payload.encode()}


def test_a_redelivered_event_makes_no_second_entry_or_delivery():
    w = world()
    with_url(w, MERCHANT)
    event = payment_event()

    record_event(event, w.deps)
    record_event(event, w.deps)

    assert len(w.db.entries) == 1
    assert len(w.sender.sent) == 1
    assert w.db.jobs == []


def test_an_attempt_cut_short_by_a_crash_is_made_again_by_the_sweep_once_its_claim_lapses():
    w = world()
    with_url(w, MERCHANT)
    event = payment_event()
    w.sender.post = crash  # the worker dies during the HTTP call, before recording it

    with pytest.raises(WorkerDied):
        record_event(event, w.deps)
    w.sender.post = FakeSender.post.__get__(w.sender)
    record_event(event, w.deps)  # the broker hands the unacknowledged event to the restarted worker

    [entry] = w.db.entries.values()
    assert (entry.status, entry.attempts, w.sender.sent) == ("pending", 0, [])
    assert reschedule_overdue(w.deps) == 0  # the claim still stands: the attempt may yet be in flight

    w.clock.advance((CLAIM_LEASE + OVERDUE_GRACE).total_seconds() + 1)
    assert reschedule_overdue(w.deps) == 1
    w.run_jobs()

    assert w.db.entries[entry.id].status == "success"
    [sent] = w.sender.sent
    assert sent.headers["webhook-id"] == entry.id
    assert sent.body == entry.payload.encode()


def test_an_event_for_an_endpoint_whose_deliveries_hang_is_logged_with_a_job_instead_of_waiting():
    w = world(endpoint_concurrency=1)
    with_url(w, MERCHANT)

    with w.deps.slots.hold(MERCHANT):
        w.clock.advance(3)  # the delivery in flight has been hanging for three seconds
        record_event(payment_event(), w.deps)

    [entry] = w.db.entries.values()
    assert w.sender.sent == []
    assert (entry.status, entry.attempts) == ("pending", 0)
    assert w.db.jobs == [(DeliveryJob.of(entry), 0)]


def test_an_event_for_an_endpoint_busy_for_a_moment_gets_its_first_attempt_back_shortly():
    w = world(endpoint_concurrency=1)
    with_url(w, MERCHANT)

    with w.deps.slots.hold(MERCHANT):
        record_event(payment_event(), w.deps)

    [entry] = w.db.entries.values()
    assert w.sender.sent == []
    assert w.db.jobs == [(DeliveryJob.of(entry), ENDPOINT_BUSY_DELAY_MS)]
    assert w.db.claimed_until == {}

    w.run_jobs()

    assert len(w.sender.sent) == 1
    assert w.db.entries[entry.id].status == "success"


@pytest.mark.parametrize("url", [None, "absent"])
def test_a_merchant_without_a_url_gets_no_entry_and_no_delivery(url):
    w = world()
    if url is None:
        with_url(w, MERCHANT, url=None)

    record_event(payment_event(), w.deps)

    assert w.db.entries == {}
    assert w.db.jobs == []
    assert w.sender.sent == []


def test_an_event_naming_no_merchant_is_parked():
    w = world()

    with pytest.raises(PermanentError):
        record_event(Envelope(type="payment.success", payload={"payment": {}}), w.deps)

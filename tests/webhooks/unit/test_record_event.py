"""An event becomes one log entry and one delivery job for a merchant with a URL, and nothing otherwise."""

from __future__ import annotations

import json

import pytest

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from tests.webhooks.unit.fakes import with_url, world
from webhooks.domain.delivery_job import DeliveryJob
from webhooks.domain.events import log_id_for
from webhooks.handlers.record_event import record_event

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"


def payment_event(event: str = "payment.success", merchant_id: str = MERCHANT) -> Envelope:
    payment = {"id": "pay_a1b2c3d4e5f6g7h8", "amount": 50000, "status": "success"}
    return Envelope(
        type=event,
        payload={"merchant_id": merchant_id, "payment": payment},
        occurred_at="2024-01-15T10:31:00Z",
        correlation_id="req-1",
    )


def test_an_event_of_a_merchant_with_a_url_is_logged_and_scheduled_now():
    w = world()
    with_url(w, MERCHANT)
    event = payment_event()

    record_event(event, w.deps)

    [entry] = w.db.entries.values()
    assert entry.id == log_id_for(MERCHANT, event.message_id)
    assert (entry.event, entry.status, entry.attempts, entry.payment_id) == (
        "payment.success",
        "pending",
        0,
        "pay_a1b2c3d4e5f6g7h8",
    )
    assert json.loads(entry.payload) == {
        "event": "payment.success",
        "timestamp": 1705314660,
        "data": {"payment": {"id": "pay_a1b2c3d4e5f6g7h8", "amount": 50000, "status": "success"}},
    }
    assert w.db.jobs == [(DeliveryJob.of(entry), 0)]


def test_a_redelivered_event_makes_no_second_entry_or_job():
    w = world()
    with_url(w, MERCHANT)
    event = payment_event()

    record_event(event, w.deps)
    record_event(event, w.deps)

    assert len(w.db.entries) == 1
    assert len(w.db.jobs) == 1


@pytest.mark.parametrize("url", [None, "absent"])
def test_a_merchant_without_a_url_gets_no_entry_and_no_delivery(url):
    w = world()
    if url is None:
        with_url(w, MERCHANT, url=None)

    record_event(payment_event(), w.deps)

    assert w.db.entries == {}
    assert w.db.jobs == []


def test_an_event_naming_no_merchant_is_parked():
    w = world()

    with pytest.raises(PermanentError):
        record_event(Envelope(type="payment.success", payload={"payment": {}}), w.deps)

"""Manual retry: the same entry, attempts reset, delivered now; only the merchant's own entries."""

from __future__ import annotations

import pytest

from paygate_shared.contracts.webhooks import RetryWebhook
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from tests.webhooks.unit.fakes import answered, unreachable, with_url, world
from webhooks.domain.delivery_job import DeliveryJob
from webhooks.handlers.retry_webhook import retry_webhook

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
OTHER = "9b2d6f10-4c1e-4b7a-8f3a-1d2e3f4a5b6c"


def failed_entry(w):
    entry = w.log_event(MERCHANT, "evt-1", "payment.failed", {"payment": {"id": "pay_1"}})
    w.sender.result = unreachable()
    w.run_jobs()
    return w.db.entries[entry.id]


def retry(log_id: str, merchant_id: str = MERCHANT) -> Envelope:
    return Envelope(type=RetryWebhook.TYPE, payload={"merchant_id": merchant_id, "id": log_id})


def test_a_failed_entry_is_reset_and_scheduled_now():
    w = world()
    with_url(w, MERCHANT)
    entry = failed_entry(w)
    assert entry.status == "failed"

    answer = retry_webhook(retry(entry.id), w.deps)

    assert answer == {"id": entry.id, "status": "pending", "message": "Webhook retry scheduled"}
    reset = w.db.entries[entry.id]
    assert (reset.status, reset.attempts, reset.next_retry_at) == ("pending", 0, w.clock())
    assert w.db.jobs == [(DeliveryJob.of(reset), 0)]


def test_the_job_of_the_retry_delivers_the_same_entry():
    w = world()
    with_url(w, MERCHANT)
    entry = failed_entry(w)
    retry_webhook(retry(entry.id), w.deps)
    w.sender.sent.clear()
    w.sender.result = answered(200)

    w.run_jobs()

    assert [s.headers["webhook-id"] for s in w.sender.sent] == [entry.id]
    assert (w.db.entries[entry.id].status, w.db.entries[entry.id].attempts) == ("success", 1)
    assert len(w.db.attempts[entry.id]) == 6


@pytest.mark.parametrize("log_id", ["not-a-uuid", "0d4f5a2e-5d55-5a4e-9c1b-2f0c1e4a8b11"])
def test_an_unknown_or_malformed_id_is_not_found(log_id):
    with pytest.raises(CommandRejected) as missing:
        retry_webhook(retry(log_id), world().deps)

    assert (missing.value.status, missing.value.code) == (404, "NOT_FOUND_ERROR")


def test_another_merchants_entry_is_not_found_and_left_alone():
    w = world()
    with_url(w, MERCHANT)
    with_url(w, OTHER)
    entry = failed_entry(w)

    with pytest.raises(CommandRejected) as missing:
        retry_webhook(retry(entry.id, merchant_id=OTHER), w.deps)

    assert missing.value.status == 404
    assert w.db.entries[entry.id].status == "failed"


def test_a_retry_without_a_url_is_a_400():
    w = world()
    with_url(w, MERCHANT)
    entry = failed_entry(w)
    with_url(w, MERCHANT, url=None)

    with pytest.raises(CommandRejected) as refused:
        retry_webhook(retry(entry.id), w.deps)

    assert refused.value.status == 400

"""One delivery attempt: signed POST of the exact body, recorded; retried on the schedule; one sender per attempt."""

from __future__ import annotations

import pytest

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from tests.webhooks.unit.fakes import answered, unreachable, with_url, world
from webhooks.domain.delivery_job import DELIVER_WEBHOOK, DeliveryJob
from webhooks.domain.delivery_log import new_entry
from webhooks.domain.signing import verify_paygate_signature, verify_standard_signature
from webhooks.handlers.deliver_webhook import ENDPOINT_BUSY_DELAY_MS, ENDPOINT_SLOW_DELAY_MS, deliver_webhook

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
BODY = '{"event":"payment.success","timestamp":1705314660,"data":{"payment":{"id":"pay_1","vpa":"राम@upi"}}}'


def logged(w, merchant_id: str = MERCHANT):
    entry = new_entry(
        log_id="0d4f5a2e-5d55-5a4e-9c1b-2f0c1e4a8b11",
        merchant_id=merchant_id,
        event_id="evt-1",
        event="payment.success",
        payment_id="pay_1",
        body=BODY,
        now=w.clock(),
        correlation_id=None,
    )
    w.db.entries[entry.id] = entry
    return entry


def job_message(job: DeliveryJob) -> Envelope:
    return Envelope(type=DELIVER_WEBHOOK, payload=job.to_payload())


def test_an_answered_attempt_sends_the_exact_body_signed_and_settles_the_entry():
    w = world()
    endpoint = with_url(w, MERCHANT)
    entry = logged(w)

    deliver_webhook(job_message(DeliveryJob.of(entry)), w.deps)

    [sent] = w.sender.sent
    assert sent.url == endpoint.url
    assert sent.body == BODY.encode()
    assert sent.headers["webhook-id"] == entry.id
    assert sent.headers["webhook-timestamp"] == str(int(w.clock().timestamp()))
    assert verify_paygate_signature(endpoint.secret, sent.body, sent.headers["X-Webhook-Signature"])
    assert verify_standard_signature(
        endpoint.secret, entry.id, sent.headers["webhook-timestamp"], sent.body, sent.headers["webhook-signature"]
    )
    settled = w.db.entries[entry.id]
    assert (settled.status, settled.attempts, settled.response_code) == ("success", 1, 200)
    assert [a.response_code for a in w.db.attempts[entry.id]] == [200]
    assert w.db.jobs == []


def test_a_failed_attempt_is_recorded_and_the_next_one_scheduled_through_the_delay_of_the_schedule():
    w = world()
    with_url(w, MERCHANT)
    entry = logged(w)
    w.sender.result = answered(500, "Internal Server Error")

    deliver_webhook(job_message(DeliveryJob.of(entry)), w.deps)

    pending = w.db.entries[entry.id]
    assert (pending.status, pending.attempts, pending.response_code, pending.response_body) == (
        "pending",
        1,
        500,
        "Internal Server Error",
    )
    assert w.db.jobs == [(DeliveryJob.of(pending), 5_000)]
    assert pending.job_id != entry.job_id


def test_every_attempt_uses_the_same_body_and_webhook_id_and_the_fifth_failure_fails_the_entry():
    w = world()
    with_url(w, MERCHANT)
    entry = logged(w)
    w.sender.result = unreachable()
    w.db.jobs.append((DeliveryJob.of(entry), 0))

    w.run_jobs()

    failed = w.db.entries[entry.id]
    assert (failed.status, failed.attempts, failed.next_retry_at, failed.response_code) == ("failed", 5, None, None)
    assert [a.attempt for a in w.db.attempts[entry.id]] == [1, 2, 3, 4, 5]
    assert {a.error for a in w.db.attempts[entry.id]} == {unreachable().error}
    assert {s.body for s in w.sender.sent} == {BODY.encode()}
    assert {s.headers["webhook-id"] for s in w.sender.sent} == {entry.id}
    assert w.db.jobs == []


def test_an_outdated_job_sends_nothing():
    w = world()
    with_url(w, MERCHANT)
    entry = logged(w)
    outdated = DeliveryJob(log_id=entry.id, merchant_id=MERCHANT, job_id="an-older-job")

    deliver_webhook(job_message(outdated), w.deps)

    assert w.sender.sent == []
    assert w.db.entries[entry.id] == entry


def test_a_second_copy_of_a_job_sends_nothing_while_the_first_holds_the_attempt():
    w = world()
    with_url(w, MERCHANT)
    entry = logged(w)
    now = w.clock()
    assert w.deps.unit_of_work().log.claim(entry.id, entry.job_id, now, now.replace(year=now.year + 1))

    deliver_webhook(job_message(DeliveryJob.of(entry)), w.deps)

    assert w.sender.sent == []


def test_a_settled_entry_is_not_sent_again():
    w = world()
    with_url(w, MERCHANT)
    entry = logged(w)
    job = DeliveryJob.of(entry)
    deliver_webhook(job_message(job), w.deps)

    deliver_webhook(job_message(job), w.deps)

    assert len(w.sender.sent) == 1


def test_an_endpoint_at_its_concurrency_limit_gets_the_job_back_shortly_without_sending():
    w = world(endpoint_concurrency=1)
    with_url(w, MERCHANT)
    entry = logged(w)
    job = DeliveryJob.of(entry)

    with w.deps.slots.hold(MERCHANT):
        deliver_webhook(job_message(job), w.deps)

    assert w.sender.sent == []
    assert w.db.jobs == [(job, ENDPOINT_BUSY_DELAY_MS)]
    assert w.db.entries[entry.id] == entry


def test_a_job_sent_back_from_a_busy_endpoint_is_delivered_when_it_comes_back():
    w = world(endpoint_concurrency=1)
    with_url(w, MERCHANT)
    entry = logged(w)
    with w.deps.slots.hold(MERCHANT):
        deliver_webhook(job_message(DeliveryJob.of(entry)), w.deps)

    w.run_jobs()

    assert len(w.sender.sent) == 1
    assert w.db.entries[entry.id].status == "success"


def test_a_job_for_an_endpoint_whose_deliveries_hang_comes_back_after_several_seconds():
    w = world(endpoint_concurrency=1)
    with_url(w, MERCHANT)
    entry = logged(w)
    job = DeliveryJob.of(entry)

    with w.deps.slots.hold(MERCHANT):
        w.clock.advance(3)  # the delivery in flight has been hanging for three seconds
        deliver_webhook(job_message(job), w.deps)

    assert w.sender.sent == []
    assert w.db.jobs == [(job, ENDPOINT_SLOW_DELAY_MS)]


def test_a_url_removed_since_the_event_fails_the_attempt_with_a_reason():
    w = world()
    with_url(w, MERCHANT, url=None)
    entry = logged(w)

    deliver_webhook(job_message(DeliveryJob.of(entry)), w.deps)

    assert w.sender.sent == []
    [attempt] = w.db.attempts[entry.id]
    assert attempt.error == "no webhook URL is configured"
    assert w.db.entries[entry.id].status == "pending"


def test_a_job_message_without_its_fields_is_parked():
    w = world()

    with pytest.raises(PermanentError):
        deliver_webhook(Envelope(type=DELIVER_WEBHOOK, payload={"log_id": "x"}), w.deps)

"""Every event reaches the merchant's URL once, signed, as the exact documented body."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime

from tests.support.waiting import eventually
from tests.webhooks.conftest import a_payment, a_refund
from tests.webhooks.receiver import Receiver
from tests.webhooks.signatures import assert_signed

PAYMENT_EVENTS = ("payment.created", "payment.pending", "payment.success", "payment.failed", "payment.captured")
REFUND_EVENTS = ("refund.created", "refund.processed")


def test_every_event_type_arrives_signed_with_the_documented_body(new_merchant, events):
    merchant = new_merchant()
    payment = a_payment()
    refund = a_refund(payment["id"])
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)
        sent = [events(event, merchant.id, payment=payment) for event in PAYMENT_EVENTS]
        sent += [events(event, merchant.id, refund=refund) for event in REFUND_EVENTS]

        eventually(lambda: len(receiver.received) >= len(sent), what="every event delivered")

    by_event = {received.json["event"]: received for received in receiver.received}
    assert sorted(by_event) == sorted(PAYMENT_EVENTS + REFUND_EVENTS)
    for envelope in sent:
        received = by_event[envelope.type]
        assert_signed(received, merchant.webhook_secret)
        body = received.json
        assert list(body) == ["event", "timestamp", "data"]
        assert body["timestamp"] == int(datetime.fromisoformat(envelope.occurred_at).timestamp())
        key = "payment" if envelope.type.startswith("payment.") else "refund"
        assert body["data"] == {key: payment if key == "payment" else refund}
    assert len(receiver.received) == len(sent)


def test_the_body_bytes_are_what_json_stringify_writes(new_merchant, events):
    merchant = new_merchant()
    payment = a_payment(vpa="राम@upi", notes={"city": "Zürich", "quote": 'say "hi"\n'})
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)
        events("payment.success", merchant.id, payment=payment)
        eventually(lambda: receiver.received, what="the delivery")

    body = receiver.received[0].body
    assert body == json.dumps(json.loads(body), separators=(",", ":"), ensure_ascii=False).encode()
    assert "राम".encode() in body  # non-ASCII is sent as UTF-8, not escaped
    if shutil.which("node"):
        script = (
            "let s = ''; process.stdin.on('data', d => s += d)"
            ".on('end', () => process.stdout.write(JSON.stringify(JSON.parse(s))))"
        )
        node = subprocess.run(["node", "-e", script], input=body, capture_output=True, check=True, timeout=30)
        assert node.stdout == body


def test_a_test_webhook_is_delivered_now_and_logged(new_merchant):
    merchant = new_merchant()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)

        response = merchant.api.post("/api/v1/webhooks/test")

        assert response.status_code == 202
        entry = response.json()
        assert entry["event"] == "webhook.test"
        assert entry["status"] == "pending"
        eventually(lambda: receiver.received, what="the test webhook")
    received = receiver.received[0]
    assert_signed(received, merchant.webhook_secret)
    assert received.headers["webhook-id"] == entry["id"]
    assert received.json["event"] == "webhook.test"
    logged = eventually(lambda: merchant.entry(entry["id"])["status"] == "success" and merchant.entry(entry["id"]))
    assert logged["attempts"] == 1
    assert logged["response_code"] == 200


def test_a_test_webhook_without_a_url_is_refused(new_merchant):
    merchant = new_merchant()

    response = merchant.api.post("/api/v1/webhooks/test")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_REQUEST_ERROR"


def test_a_merchant_without_a_url_gets_no_log_entry(new_merchant, events):
    merchant = new_merchant()
    events("payment.success", merchant.id, payment=a_payment())

    eventually(events.all_handled, interval=0.5, what="the event handled")

    assert merchant.log() == []


def test_a_redelivered_event_is_delivered_and_logged_once(new_merchant, events):
    merchant = new_merchant()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)
        first = events("payment.success", merchant.id, payment=a_payment())
        eventually(lambda: receiver.received, what="the delivery")
        events.again(first)
        eventually(events.all_handled, interval=0.5, what="the redelivery handled")
        events("payment.captured", merchant.id, payment=a_payment())
        eventually(lambda: len(receiver.received) >= 2, what="a later event")

    assert [r.json["event"] for r in receiver.received] == ["payment.success", "payment.captured"]
    assert sorted(entry["event"] for entry in merchant.log()) == ["payment.captured", "payment.success"]


def test_an_entry_shows_the_payload_as_delivered_and_every_attempt(new_merchant, events):
    merchant = new_merchant()
    payment = a_payment()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)
        events("payment.success", merchant.id, payment=payment)
        eventually(lambda: receiver.received, what="the delivery")
        [listed] = eventually(lambda: [e for e in merchant.log() if e["status"] == "success"], what="success logged")

    entry = merchant.entry(listed["id"])
    assert entry["payload"] == json.loads(receiver.received[0].body)
    assert entry["payment_id"] == payment["id"]
    [attempt] = entry["deliveries"]
    assert attempt["attempt"] == 1
    assert attempt["response_code"] == 200
    assert attempt["error"] is None
    assert attempt["duration_ms"] >= 0
    assert attempt["attempted_at"].endswith("Z")
    assert set(listed) >= {
        "id",
        "event",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_retry_at",
        "response_code",
        "response_body",
    }


def test_deliveries_are_counted_in_the_job_status(new_merchant, anonymous):
    def webhooks_completed() -> int:
        return anonymous.get("/api/v1/test/jobs/status").json()["by_type"]["webhook"]["completed"]

    merchant = new_merchant()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)
        before = webhooks_completed()

        merchant.api.post("/api/v1/webhooks/test")

        eventually(lambda: webhooks_completed() > before, what="the heartbeat to count the delivery")


def test_a_repeated_idempotency_key_sends_one_test_webhook(new_merchant):
    merchant = new_merchant()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)

        first = merchant.api.post("/api/v1/webhooks/test", headers={"Idempotency-Key": "test-hook-1"})
        second = merchant.api.post("/api/v1/webhooks/test", headers={"Idempotency-Key": "test-hook-1"})

        assert first.status_code == second.status_code == 202
        assert first.json() == second.json()
        eventually(lambda: merchant.entry(first.json()["id"])["status"] == "success", what="the delivery")
    assert len(receiver.received) == 1
    assert len(merchant.log()) == 1

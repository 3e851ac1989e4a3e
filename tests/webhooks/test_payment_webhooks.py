"""End to end: a real payment's lifecycle reaches the merchant's URL as signed webhooks carrying the payment."""

from __future__ import annotations

import pytest

from tests.payments.support import successful_payment
from tests.support.stack import installed
from tests.support.waiting import eventually
from tests.webhooks.receiver import Receiver
from tests.webhooks.signatures import assert_signed

pytestmark = pytest.mark.skipif(not installed("payments"), reason="the payments service is not installed")


def test_a_payment_sends_created_pending_success_and_captured_webhooks_with_the_payment(new_merchant):
    merchant = new_merchant()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)
        payment = successful_payment(merchant.api)
        assert merchant.api.post(f"/api/v1/payments/{payment['id']}/capture").status_code == 200

        eventually(lambda: len(receiver.received) >= 4, timeout=30, what="four webhooks")

    by_event = {received.json["event"]: received for received in receiver.received}
    assert set(by_event) == {"payment.created", "payment.pending", "payment.success", "payment.captured"}
    for received in receiver.received:
        assert_signed(received, merchant.webhook_secret)
        assert received.json["data"]["payment"]["id"] == payment["id"]
    assert by_event["payment.success"].json["data"]["payment"]["status"] == "success"
    assert by_event["payment.captured"].json["data"]["payment"]["captured"] is True
    assert {e["event"] for e in merchant.log(payment_id=payment["id"])} == set(by_event)
    assert merchant.api.get("/api/v1/payments/webhooks", params={"payment_id": payment["id"]}).json()["total"] == 4

"""The benchmark's webhook receiver: records each delivery by label and answers in the label's mode."""

from __future__ import annotations

import json

import pytest
import requests

from bench.receiver import Receiver


@pytest.fixture(scope="module")
def receiver():
    started = Receiver()
    yield started
    started.stop()


def deliver(receiver: Receiver, label: str, event: str, payment_id: str) -> int:
    body = json.dumps({"event": event, "timestamp": 1, "data": {"payment": {"id": payment_id}}})
    return requests.post(
        receiver.url(label), data=body, headers={"webhook-id": f"wh-{payment_id}"}, timeout=10
    ).status_code


def test_a_delivery_is_answered_at_once_and_recorded_under_its_label(receiver):
    assert deliver(receiver, "shop", "payment.created", "pay_1") == 200

    [(event, payment_id, webhook_id, arrived)] = receiver.deliveries("shop")
    assert (event, payment_id, webhook_id) == ("payment.created", "pay_1", "wh-pay_1")
    assert arrived > 0
    assert receiver.deliveries("other") == []


def test_a_label_set_to_fail_answers_500_and_still_records(receiver):
    receiver.set_mode("broken", "fail")

    assert deliver(receiver, "broken", "payment.success", "pay_2") == 500
    assert len(receiver.deliveries("broken")) == 1


def test_forgetting_a_label_clears_its_deliveries(receiver):
    deliver(receiver, "gone", "payment.pending", "pay_3")

    receiver.forget("gone")

    assert receiver.deliveries("gone") == []

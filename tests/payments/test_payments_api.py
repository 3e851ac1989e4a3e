"""Payments through the real gateway and payments service."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.payments.support import card_body, new_order, pay, upi_body, wait_final

PAYMENT_ID = re.compile(r"^pay_[A-Za-z0-9]{16}$")


def test_a_upi_payment_is_pending_at_once_and_succeeds_after_the_processing_delay(api):
    order = new_order(api, 50000)

    started = time.monotonic()
    response = api.post("/api/v1/payments", json=upi_body(order["id"]))

    assert response.status_code == 201
    created = response.json()
    assert PAYMENT_ID.match(created["id"])
    assert created["status"] == "pending"
    assert (created["order_id"], created["amount"], created["currency"]) == (order["id"], 50000, "INR")
    assert (created["method"], created["vpa"], created["captured"]) == ("upi", "shopper@okicici", False)
    final = wait_final(api, created["id"])
    assert final["status"] == "success"
    assert time.monotonic() - started >= 0.5  # TEST_PROCESSING_DELAY is 500 ms in the test stack
    assert final["amount_refunded"] == 0 and final["updated_at"]


def test_a_card_payment_keeps_only_network_and_last_four(api):
    order = new_order(api)

    created = api.post("/api/v1/payments", json=card_body(order["id"], number="5500 0000 0000 0004")).json()

    assert (created["method"], created["card_network"], created["card_last4"]) == ("card", "mastercard", "0004")
    assert "card" not in created and "number" not in str(created) and "cvv" not in created
    assert wait_final(api, created["id"])["status"] == "success"


@pytest.mark.parametrize(
    ("make_body", "code"),
    [
        (lambda o: {"method": "upi", "vpa": "a@b"}, "BAD_REQUEST_ERROR"),
        (lambda o: {"order_id": o, "method": "cash"}, "BAD_REQUEST_ERROR"),
        (lambda o: upi_body(o, "not-a-vpa"), "INVALID_VPA"),
        (lambda o: {"order_id": o, "method": "upi"}, "INVALID_VPA"),
        (lambda o: card_body(o, number="4111111111111112"), "INVALID_CARD"),
        (lambda o: card_body(o, cvv="1"), "INVALID_CARD"),
        (lambda o: {"order_id": o, "method": "card"}, "INVALID_CARD"),
        (lambda o: card_body(o, expiry_month="13"), "EXPIRED_CARD"),
        (lambda o: card_body(o, expiry_year="2020"), "EXPIRED_CARD"),
    ],
)
def test_each_validation_failure_has_its_code_and_creates_nothing(api, make_body, code):
    order = new_order(api)

    response = api.post("/api/v1/payments", json=make_body(order["id"]))

    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert api.get("/api/v1/payments", params={"order_id": order["id"]}).json()["total"] == 0


def test_paying_an_unknown_or_foreign_order_is_not_found(api, other_merchant):
    order = new_order(api)

    for session, order_id in ((api, "order_AAAAAAAAAAAAAAAA"), (other_merchant, order["id"])):
        response = session.post("/api/v1/payments", json=upi_body(order_id))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND_ERROR"


def test_the_public_endpoints_pay_and_report_without_credentials(api, anonymous):
    order = new_order(api, 12345)

    created = anonymous.post("/api/v1/payments/public", json=upi_body(order["id"]))

    assert created.status_code == 201
    payment_id = created.json()["id"]
    wait_final(api, payment_id)
    for path in (f"/api/v1/payments/{payment_id}/public", f"/api/v1/payments/public/{payment_id}"):
        public = anonymous.get(path)
        assert public.status_code == 200
        assert public.json() == {
            "id": payment_id,
            "order_id": order["id"],
            "amount": 12345,
            "currency": "INR",
            "method": "upi",
            "status": "success",
            "error_code": None,
            "error_description": None,
        }


def test_another_merchants_payment_is_not_found(api, other_merchant):
    payment = pay(api)

    assert other_merchant.get(f"/api/v1/payments/{payment['id']}").status_code == 404
    assert other_merchant.post(f"/api/v1/payments/{payment['id']}/capture", json={}).status_code == 404
    assert payment["id"] not in [p["id"] for p in other_merchant.get("/api/v1/payments").json()["data"]]


def test_capture_follows_the_contract(api):
    payment = pay(api, 40000)
    early = api.post(f"/api/v1/payments/{payment['id']}/capture", json={})
    assert (early.status_code, early.json()["error"]["description"]) == (400, "Payment not in capturable state")
    wait_final(api, payment["id"])

    wrong = api.post(f"/api/v1/payments/{payment['id']}/capture", json={"amount": 100})
    captured = api.post(f"/api/v1/payments/{payment['id']}/capture", json={"amount": 40000})
    again = api.post(f"/api/v1/payments/{payment['id']}/capture", json={})

    assert (wrong.status_code, wrong.json()["error"]["description"]) == (
        400,
        "Capture amount must equal payment amount",
    )
    assert captured.status_code == 200 and captured.json()["captured"] is True
    assert (again.status_code, again.json()["error"]["description"]) == (400, "Payment already captured")
    assert api.get(f"/api/v1/payments/{payment['id']}").json()["captured"] is True


def test_payments_are_listed_newest_first_and_filtered(api):
    order = new_order(api)
    upi = api.post("/api/v1/payments", json=upi_body(order["id"])).json()
    card = api.post("/api/v1/payments", json=card_body(order["id"])).json()

    listed = api.get("/api/v1/payments", params={"order_id": order["id"]}).json()
    cards = api.get("/api/v1/payments", params={"order_id": order["id"], "method": "card"}).json()

    assert [p["id"] for p in listed["data"]] == [card["id"], upi["id"]]
    assert listed["total"] == 2 and listed["limit"] == 10 and listed["offset"] == 0
    assert [p["id"] for p in cards["data"]] == [card["id"]]
    assert api.get("/api/v1/payments", params={"status": "refunded"}).status_code == 400


def test_twenty_concurrent_requests_with_one_idempotency_key_create_one_payment(api):
    order = new_order(api)
    headers = {"Idempotency-Key": f"concurrent-{order['id']}"}

    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(
            pool.map(lambda _: api.post("/api/v1/payments", json=upi_body(order["id"]), headers=headers), range(20))
        )

    created = {r.json()["id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    assert {r.status_code for r in responses} <= {201, 409}
    assert api.get("/api/v1/payments", params={"order_id": order["id"]}).json()["total"] == 1


def test_a_replay_after_success_returns_the_original_pending_body(api):
    order = new_order(api)
    headers = {"Idempotency-Key": f"replay-{order['id']}"}
    first = api.post("/api/v1/payments", json=upi_body(order["id"]), headers=headers)
    wait_final(api, first.json()["id"])

    replay = api.post("/api/v1/payments", json=upi_body(order["id"]), headers=headers)

    assert replay.status_code == 201
    assert replay.content == first.content
    assert replay.json()["status"] == "pending"


def test_the_same_key_with_another_body_is_refused(api):
    order = new_order(api)
    headers = {"Idempotency-Key": f"mismatch-{order['id']}"}
    api.post("/api/v1/payments", json=upi_body(order["id"]), headers=headers)

    response = api.post("/api/v1/payments", json=upi_body(order["id"], "other@okaxis"), headers=headers)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"


def test_the_command_record_keeps_one_payment_when_redis_lost_the_key(api, stack):
    import redis

    order = new_order(api)
    key = f"lost-{order['id']}"
    first = api.post("/api/v1/payments", json=upi_body(order["id"]), headers={"Idempotency-Key": key}).json()
    client = redis.Redis.from_url(stack.isolation.redis_url)
    for redis_key in client.scan_iter(match=f"{stack.isolation.redis_prefix}idem:*"):
        client.delete(redis_key)

    again = api.post("/api/v1/payments", json=upi_body(order["id"]), headers={"Idempotency-Key": key}).json()

    assert again["id"] == first["id"]
    assert api.get("/api/v1/payments", params={"order_id": order["id"]}).json()["total"] == 1

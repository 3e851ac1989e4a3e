"""Orders through the real gateway: the exact contract of API.md."""

from __future__ import annotations

import re

import pytest

ORDER_ID = re.compile(r"^order_[A-Za-z0-9]{16}$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def test_creating_an_order_answers_201_with_the_full_order(api):
    response = api.post("/api/v1/orders", json={"amount": 50000, "receipt": "receipt#1", "notes": {"sku": "A1"}})

    assert response.status_code == 201
    order = response.json()
    assert ORDER_ID.match(order["id"])
    assert order["merchant_id"] == "550e8400-e29b-41d4-a716-446655440000"
    assert order["amount"] == 50000
    assert order["currency"] == "INR"
    assert order["receipt"] == "receipt#1"
    assert order["notes"] == {"sku": "A1"}
    assert order["status"] == "created"
    assert TIMESTAMP.match(order["created_at"])


def test_an_order_can_be_read_back_with_empty_notes_and_updated_at(api):
    created = api.post("/api/v1/orders", json={"amount": 100}).json()

    fetched = api.get(f"/api/v1/orders/{created['id']}")

    assert fetched.status_code == 200
    assert fetched.json()["notes"] == {}
    assert TIMESTAMP.match(fetched.json()["updated_at"])
    assert fetched.json()["amount"] == 100


@pytest.mark.parametrize(
    ("body", "description"),
    [
        ({"amount": 99}, "amount must be at least 100"),
        ({}, "amount is required"),
        ({"amount": "500"}, "amount must be an integer number of paise"),
        ({"amount": 500.5}, "amount must be an integer number of paise"),
        ({"amount": True}, "amount must be an integer number of paise"),
        ({"amount": 500, "currency": "rupees"}, "currency must be a 3-letter ISO code such as INR"),
    ],
)
def test_an_invalid_order_is_refused_with_a_clear_error_and_nothing_is_created(api, body, description):
    before = api.get("/api/v1/orders").json()["total"]

    response = api.post("/api/v1/orders", json=body)

    assert response.status_code == 400
    assert response.json() == {"error": {"code": "BAD_REQUEST_ERROR", "description": description}}
    assert api.get("/api/v1/orders").json()["total"] == before


def test_public_order_shows_only_what_the_checkout_needs_without_credentials(api, anonymous):
    order = api.post("/api/v1/orders", json={"amount": 123456}).json()

    response = anonymous.get(f"/api/v1/orders/{order['id']}/public")

    assert response.status_code == 200
    assert response.json() == {"id": order["id"], "amount": 123456, "currency": "INR", "status": "created"}


def test_orders_are_listed_newest_first_with_pagination(api):
    ids = [api.post("/api/v1/orders", json={"amount": 1000 + i}).json()["id"] for i in range(3)]

    page = api.get("/api/v1/orders", params={"limit": 2, "offset": 0}).json()

    assert page["limit"] == 2 and page["offset"] == 0
    assert page["total"] >= 3
    assert [o["id"] for o in page["data"]] == [ids[2], ids[1]]
    assert api.get("/api/v1/orders", params={"limit": 1, "offset": 2}).json()["data"][0]["id"] == ids[0]


@pytest.mark.parametrize("limit", ["0", "101", "ten"])
def test_a_limit_outside_1_to_100_is_a_bad_request(api, limit):
    response = api.get("/api/v1/orders", params={"limit": limit})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_REQUEST_ERROR"


def test_another_merchants_order_is_not_found(api, other_merchant):
    order = api.post("/api/v1/orders", json={"amount": 5000}).json()

    response = other_merchant.get(f"/api/v1/orders/{order['id']}")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND_ERROR"
    assert order["id"] not in [o["id"] for o in other_merchant.get("/api/v1/orders").json()["data"]]


def test_unknown_and_malformed_order_ids_are_not_found(api):
    for order_id in ("order_AAAAAAAAAAAAAAAA", "nonsense"):
        response = api.get(f"/api/v1/orders/{order_id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND_ERROR"


def test_a_repeated_idempotency_key_returns_the_first_order(api):
    headers = {"Idempotency-Key": "order-key-1"}
    first = api.post("/api/v1/orders", json={"amount": 777}, headers=headers)
    again = api.post("/api/v1/orders", json={"amount": 777}, headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.content == first.content


def test_an_idempotency_key_reused_with_another_body_is_refused(api):
    headers = {"Idempotency-Key": "order-key-2"}
    api.post("/api/v1/orders", json={"amount": 777}, headers=headers)

    response = api.post("/api/v1/orders", json={"amount": 778}, headers=headers)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"

"""Refunds through the real gateway, refunds and payments services."""

from __future__ import annotations

import re

import pytest

from tests.payments.support import successful_payment
from tests.refunds.support import (
    create_refund,
    event_tap,
    refund,
    refunded_total,
    wait_processed,
    wait_refunded,
)
from tests.support.waiting import eventually

REFUND_ID = re.compile(r"^rfnd_[A-Za-z0-9]{16}$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def rejection(response) -> tuple[int, str, str]:
    error = response.json()["error"]
    return response.status_code, error["code"], error["description"]


def test_a_full_refund_is_pending_at_once_then_processed_and_counted_on_the_payment(api):
    payment = successful_payment(api, 50000)

    response = refund(api, payment["id"], 50000, "Customer returned the item")

    assert response.status_code == 201
    created = response.json()
    assert REFUND_ID.match(created["id"])
    assert (created["payment_id"], created["amount"], created["reason"]) == (
        payment["id"],
        50000,
        "Customer returned the item",
    )
    assert (created["status"], created["processed_at"]) == ("pending", None)
    assert TIMESTAMP.match(created["created_at"])
    processed = wait_processed(api, created["id"])
    assert TIMESTAMP.match(processed["processed_at"]) and processed["processed_at"] >= processed["created_at"]
    refunded = wait_refunded(api, payment["id"], 50000)
    assert refunded["status"] == "success"


def test_two_partial_refunds_are_processed_and_a_third_beyond_the_rest_is_rejected(api):
    payment = successful_payment(api, 10000)

    first = create_refund(api, payment["id"], 3000)
    second = create_refund(api, payment["id"], 5000)
    third = refund(api, payment["id"], 2001)

    assert rejection(third) == (400, "BAD_REQUEST_ERROR", "Refund amount exceeds available amount")
    for created in (first, second):
        assert wait_processed(api, created["id"])["processed_at"]
    assert wait_refunded(api, payment["id"], 8000)["status"] == "success"
    assert create_refund(api, payment["id"], 2000)["amount"] == 2000
    assert wait_refunded(api, payment["id"], 10000)["status"] == "success"
    assert rejection(refund(api, payment["id"], 1))[2] == "Refund amount exceeds available amount"


def test_an_unknown_foreign_or_malformed_payment_is_not_found(api, other_merchant):
    payment = successful_payment(api)

    for session, payment_id in (
        (api, "pay_AAAAAAAAAAAAAAAA"),
        (other_merchant, payment["id"]),
        (api, "not-a-payment"),
    ):
        assert rejection(refund(session, payment_id, 100))[:2] == (404, "NOT_FOUND_ERROR")
    assert api.get("/api/v1/refunds", params={"payment_id": payment["id"]}).json()["total"] == 0
    create_refund(api, payment["id"], 100)
    assert rejection(refund(other_merchant, payment["id"], 100))[:2] == (404, "NOT_FOUND_ERROR")


def test_the_refunds_of_an_unknown_or_foreign_payment_are_not_found(api, other_merchant):
    payment = successful_payment(api)
    create_refund(api, payment["id"], 100)

    for session, payment_id in ((api, "pay_AAAAAAAAAAAAAAAA"), (other_merchant, payment["id"])):
        assert rejection(session.get(f"/api/v1/payments/{payment_id}/refunds"))[:2] == (404, "NOT_FOUND_ERROR")
    assert api.get(f"/api/v1/payments/{payment['id']}/refunds").json()["total"] == 1


def test_another_merchants_refund_is_neither_readable_nor_listed(api, other_merchant):
    created = create_refund(api, successful_payment(api)["id"], 100)

    assert other_merchant.get(f"/api/v1/refunds/{created['id']}").status_code == 404
    assert created["id"] not in [r["id"] for r in other_merchant.get("/api/v1/refunds").json()["data"]]
    assert rejection(api.get("/api/v1/refunds/rfnd_AAAAAAAAAAAAAAAA"))[:2] == (404, "NOT_FOUND_ERROR")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"amount": 0},
        {"amount": -100},
        {"amount": "100"},
        {"amount": 10.5},
        {"amount": True},
        {"amount": 100, "reason": "x" * 256},
    ],
)
def test_an_invalid_refund_request_is_a_bad_request_and_refunds_nothing(api, body):
    payment = successful_payment(api)

    response = api.post(f"/api/v1/payments/{payment['id']}/refunds", json=body)

    assert rejection(response)[:2] == (400, "BAD_REQUEST_ERROR")
    assert api.get(f"/api/v1/payments/{payment['id']}/refunds").json()["total"] == 0


def test_refunds_need_credentials(anonymous):
    assert anonymous.post("/api/v1/payments/pay_AAAAAAAAAAAAAAAA/refunds", json={"amount": 1}).status_code == 401
    assert anonymous.get("/api/v1/refunds").status_code == 401


def test_a_replayed_idempotency_key_answers_the_first_refund_and_refunds_once(stack, api):
    payment = successful_payment(api, 10000)
    key = {"Idempotency-Key": f"refund-{payment['id']}"}

    first = refund(api, payment["id"], 6000, **key)
    wait_processed(api, first.json()["id"])
    again = refund(api, payment["id"], 6000, **key)

    assert again.status_code == 201 and again.content == first.content
    assert again.json()["status"] == "pending"
    assert api.get(f"/api/v1/payments/{payment['id']}/refunds").json()["total"] == 1
    assert refunded_total(stack.isolation.database_url, payment["id"]) == 6000


def test_the_same_key_with_another_amount_is_refused(api):
    payment = successful_payment(api, 10000)
    key = {"Idempotency-Key": f"refund-mismatch-{payment['id']}"}
    refund(api, payment["id"], 1000, **key)

    response = refund(api, payment["id"], 2000, **key)

    assert rejection(response)[:2] == (422, "IDEMPOTENCY_KEY_REUSED")


def test_refunds_are_listed_newest_first_on_every_list_path(api):
    payment = successful_payment(api, 10000)
    older = create_refund(api, payment["id"], 1000)
    newer = create_refund(api, payment["id"], 2000)
    elsewhere = create_refund(api, successful_payment(api)["id"], 500)

    by_payment = api.get(f"/api/v1/payments/{payment['id']}/refunds").json()
    filtered = api.get("/api/v1/refunds", params={"payment_id": payment["id"]}).json()
    alias = api.get("/api/v1/payments/refunds", params={"payment_id": payment["id"]}).json()
    everything = api.get("/api/v1/payments/refunds", params={"limit": 100}).json()
    second_page = api.get("/api/v1/refunds", params={"payment_id": payment["id"], "limit": 1, "offset": 1}).json()

    assert [r["id"] for r in by_payment["data"]] == [newer["id"], older["id"]]
    assert by_payment == filtered == alias
    assert (by_payment["total"], by_payment["limit"], by_payment["offset"]) == (2, 10, 0)
    assert everything["data"][0]["id"] == elsewhere["id"]
    assert {older["id"], newer["id"], elsewhere["id"]} <= {r["id"] for r in everything["data"]}
    assert [r["id"] for r in second_page["data"]] == [older["id"]]
    assert api.get("/api/v1/refunds", params={"limit": 0}).status_code == 400


def test_the_refunds_alias_is_not_taken_for_a_payment_id(api):
    response = api.get("/api/v1/payments/refunds")

    assert response.status_code == 200
    assert set(response.json()) == {"data", "total", "limit", "offset"}


def test_a_refund_announces_itself_created_then_processed(stack, api):
    payment = successful_payment(api, 10000)

    with event_tap(stack.isolation.amqp_url) as tap:
        created = create_refund(api, payment["id"], 4000, "late delivery")
        processed = wait_processed(api, created["id"])
        eventually(lambda: tap.of("refund.processed", created["id"]), what="refund.processed published")
        (announced,) = tap.of("refund.created", created["id"])
        (done,) = tap.of("refund.processed", created["id"])

    assert announced.payload["refund"] == created and done.payload["refund"] == processed
    assert announced.payload["merchant_id"] == done.payload["merchant_id"] == "550e8400-e29b-41d4-a716-446655440000"


def test_job_status_counts_refund_jobs_from_pending_to_completed(api, anonymous):
    payment = successful_payment(api, 10000)
    before = anonymous.get("/api/v1/test/jobs/status").json()["by_type"]["refund"]

    created = create_refund(api, payment["id"], 1000)
    wait_processed(api, created["id"])

    eventually(
        lambda: (
            anonymous.get("/api/v1/test/jobs/status").json()["by_type"]["refund"]["completed"]
            >= before["completed"] + 1
        ),
        what="the refund counted as completed",
    )


def test_the_openapi_document_covers_the_refund_endpoints(anonymous):
    paths = anonymous.get("/openapi.json").json()["paths"]

    assert set(paths["/api/v1/payments/{payment_id}/refunds"]) >= {"get", "post"}
    for path in ("/api/v1/refunds", "/api/v1/refunds/{refund_id}", "/api/v1/payments/refunds"):
        assert "get" in paths[path], path

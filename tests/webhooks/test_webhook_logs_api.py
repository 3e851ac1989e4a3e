"""The delivery log through the API: merchant-scoped, filtered, paged, with the documented errors."""

from __future__ import annotations

import uuid

import pytest

from tests.support.waiting import eventually
from tests.webhooks.conftest import a_payment
from tests.webhooks.receiver import Receiver


@pytest.fixture
def delivered(new_merchant, events):
    """A merchant with two delivered events about one payment and one about another."""
    merchant = new_merchant()
    payment, other = a_payment(), a_payment()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)
        events("payment.created", merchant.id, payment=payment)
        events("payment.success", merchant.id, payment=payment)
        events("payment.success", merchant.id, payment=other)
        eventually(lambda: len([e for e in merchant.log() if e["status"] == "success"]) == 3, what="three deliveries")
    return merchant, payment


def test_another_merchants_log_entry_is_not_found(delivered, other_merchant):
    merchant, _ = delivered
    entry_id = merchant.log()[0]["id"]

    for response in (
        other_merchant.get(f"/api/v1/webhooks/{entry_id}"),
        other_merchant.post(f"/api/v1/webhooks/{entry_id}/retry"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND_ERROR"
    assert entry_id not in [e["id"] for e in other_merchant.get("/api/v1/webhooks?limit=100").json()["data"]]


@pytest.mark.parametrize("log_id", ["not-a-uuid", "123", str(uuid.uuid4())])
def test_a_malformed_or_unknown_log_id_is_not_found(api, log_id):
    for response in (api.get(f"/api/v1/webhooks/{log_id}"), api.post(f"/api/v1/webhooks/{log_id}/retry")):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND_ERROR"


def test_the_log_is_listed_newest_first_under_both_paths_with_filters(delivered):
    merchant, payment = delivered

    listed = merchant.api.get("/api/v1/webhooks").json()
    alias = merchant.api.get("/api/v1/payments/webhooks").json()

    assert listed == alias
    assert listed["total"] == 3 and listed["limit"] == 10 and listed["offset"] == 0
    created = [entry["created_at"] for entry in listed["data"]]
    assert created == sorted(created, reverse=True)
    assert len(merchant.log(event="payment.success")) == 2
    assert len(merchant.log(status="success")) == 3
    assert merchant.log(status="failed") == []
    assert {e["event"] for e in merchant.log(payment_id=payment["id"])} == {"payment.created", "payment.success"}
    page = merchant.api.get("/api/v1/webhooks", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 3 and [e["id"] for e in page["data"]] == [listed["data"][1]["id"]]


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=abc", "offset=-1", "status=delivered"])
def test_a_bad_page_or_filter_is_a_400(api, query):
    response = api.get(f"/api/v1/webhooks?{query}")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_REQUEST_ERROR"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/webhooks"),
        ("get", "/api/v1/payments/webhooks"),
        ("get", f"/api/v1/webhooks/{uuid.uuid4()}"),
        ("post", f"/api/v1/webhooks/{uuid.uuid4()}/retry"),
        ("get", "/api/v1/webhooks/config"),
        ("put", "/api/v1/webhooks/config"),
        ("post", "/api/v1/webhooks/config/regenerate-secret"),
        ("post", "/api/v1/webhooks/test"),
    ],
)
def test_every_webhook_endpoint_needs_merchant_credentials(anonymous, method, path):
    response = anonymous.request(method, path, json={"webhook_url": None})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"


def test_the_webhook_endpoints_are_in_the_openapi_document(anonymous):
    paths = anonymous.get("/openapi.json").json()["paths"]

    for path in (
        "/api/v1/webhooks",
        "/api/v1/payments/webhooks",
        "/api/v1/webhooks/{log_id}",
        "/api/v1/webhooks/{log_id}/retry",
        "/api/v1/webhooks/config",
        "/api/v1/webhooks/config/regenerate-secret",
        "/api/v1/webhooks/test",
    ):
        assert path in paths, path
    assert (
        paths["/api/v1/webhooks/{log_id}/retry"]["post"]["summary"]
        == "Deliver a log entry again now, its attempts reset"
    )

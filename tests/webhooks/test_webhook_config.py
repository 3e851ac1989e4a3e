"""Webhook configuration: the URL deliveries go to and the secret they are signed with."""

from __future__ import annotations

import base64

import pytest

from tests.support.waiting import eventually
from tests.webhooks.receiver import Receiver
from tests.webhooks.signatures import assert_signed


def test_the_test_merchant_signs_with_the_documented_secret(api):
    response = api.get("/api/v1/webhooks/config")

    assert response.status_code == 200
    assert response.json()["webhook_secret"] == "whsec_test_abc123"


def test_a_new_merchant_has_a_standard_webhooks_secret_and_no_url(new_merchant):
    merchant = new_merchant()

    config = merchant.api.get("/api/v1/webhooks/config").json()

    assert config == {"webhook_url": None, "webhook_secret": merchant.webhook_secret}
    assert config["webhook_secret"].startswith("whsec_")
    assert len(base64.b64decode(config["webhook_secret"].removeprefix("whsec_"), validate=True)) == 32


def test_a_saved_url_is_shown_with_the_same_secret(new_merchant):
    merchant = new_merchant()

    response = merchant.api.put("/api/v1/webhooks/config", json={"webhook_url": "https://shop.example.com/hooks"})

    assert response.status_code == 200
    expected = {"webhook_url": "https://shop.example.com/hooks", "webhook_secret": merchant.webhook_secret}
    assert response.json() == expected
    assert merchant.api.get("/api/v1/webhooks/config").json() == expected


@pytest.mark.parametrize(
    "url", ["ftp://shop.example.com/hooks", "not a url", "http://", "https://user:pw@shop.example.com/", 42]
)
def test_a_url_that_is_not_http_or_https_is_refused(new_merchant, url):
    merchant = new_merchant()

    response = merchant.api.put("/api/v1/webhooks/config", json={"webhook_url": url})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_REQUEST_ERROR"
    assert merchant.api.get("/api/v1/webhooks/config").json()["webhook_url"] is None


def test_the_url_field_is_required(api):
    response = api.put("/api/v1/webhooks/config", json={})

    assert response.status_code == 400
    assert "webhook_url" in response.json()["error"]["description"]


def test_a_null_url_stops_deliveries(new_merchant):
    merchant = new_merchant()
    merchant.point_webhooks_at("https://shop.example.com/hooks")

    merchant.point_webhooks_at(None)

    assert merchant.api.get("/api/v1/webhooks/config").json()["webhook_url"] is None
    assert merchant.api.post("/api/v1/webhooks/test").status_code == 400


def test_a_regenerated_secret_signs_the_next_deliveries(new_merchant):
    merchant = new_merchant()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)

        response = merchant.api.post("/api/v1/webhooks/config/regenerate-secret")

        assert response.status_code == 200
        config = response.json()
        assert config["webhook_url"] == receiver.url
        assert config["webhook_secret"].startswith("whsec_")
        assert config["webhook_secret"] != merchant.webhook_secret
        assert merchant.api.get("/api/v1/webhooks/config").json() == config
        merchant.api.post("/api/v1/webhooks/test")
        eventually(lambda: receiver.received, what="the test webhook")
    assert_signed(receiver.received[0], config["webhook_secret"])

"""Webhooks in the browser: save a URL, regenerate the secret, send a test, retry a failed delivery by hand."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from playwright.sync_api import expect

from tests.dashboard.browser.support import WebhookReceiver, require_api, sign_in
from tests.support.waiting import eventually

pytestmark = pytest.mark.browser

WEBHOOK_PATHS = ("/api/v1/webhooks/config", "/api/v1/webhooks/test", "/api/v1/webhooks/{webhook_id}/retry")
ALL_ATTEMPTS_S = 120  # five attempts 0, 5, 10, 15 and 20 s apart with WEBHOOK_RETRY_INTERVALS_TEST, plus slack


def _log_row(page, webhook_id: str):
    return page.locator(f'[data-test-id="webhook-log-item"][data-webhook-id="{webhook_id}"]')


def _first_test_event(receiver: WebhookReceiver) -> tuple[dict, bytes]:
    def arrived():
        return next(((h, b) for h, b in receiver.received if json.loads(b)["event"] == "webhook.test"), None)

    return eventually(arrived, timeout=30, what="a webhook.test delivery at the receiver")


def test_saving_a_url_regenerating_the_secret_and_sending_a_test(stack, page, shop_owner):
    require_api(stack, *WEBHOOK_PATHS)
    with WebhookReceiver() as receiver:
        sign_in(page, shop_owner.email, shop_owner.password)
        page.goto("/dashboard/webhooks")
        assert page.get_by_test_id("webhook-url-input").get_attribute("type") == "url"

        page.get_by_test_id("webhook-url-input").fill(receiver.url)
        page.get_by_test_id("save-webhook-button").click()
        expect(page.get_by_text("Webhook URL saved.")).to_be_visible()
        assert page.get_by_test_id("webhook-url-input").input_value() == receiver.url

        old_secret = page.get_by_test_id("webhook-secret").inner_text()
        page.get_by_test_id("regenerate-secret-button").click()
        expect(page.get_by_test_id("webhook-secret")).not_to_have_text(old_secret)
        new_secret = page.get_by_test_id("webhook-secret").inner_text()
        assert new_secret.startswith("whsec_")
        assert shop_owner.api.get("/api/v1/webhooks/config").json() == {
            "webhook_url": receiver.url,
            "webhook_secret": new_secret,
        }

        page.get_by_test_id("test-webhook-button").click()

        headers, body = _first_test_event(receiver)
        assert headers["x-webhook-signature"] == hmac.new(new_secret.encode(), body, hashlib.sha256).hexdigest()
        row = _log_row(page, headers["webhook-id"])
        expect(row.get_by_test_id("webhook-event")).to_have_text("webhook.test")
        expect(row.get_by_test_id("webhook-status")).to_have_text("success")
        assert row.get_by_test_id("webhook-response-code").inner_text() == "200"


def test_manual_retry_of_a_failed_delivery_redelivers_to_a_receiver_that_now_accepts(stack, page, shop_owner):
    require_api(stack, *WEBHOOK_PATHS)
    with WebhookReceiver() as receiver:
        receiver.accepting = False
        assert shop_owner.api.put("/api/v1/webhooks/config", json={"webhook_url": receiver.url}).status_code == 200
        sign_in(page, shop_owner.email, shop_owner.password)
        page.goto("/dashboard/webhooks")
        page.get_by_test_id("test-webhook-button").click()
        webhook_id = _first_test_event(receiver)[0]["webhook-id"]

        def failed_for_good():
            return shop_owner.api.get(f"/api/v1/webhooks/{webhook_id}").json()["status"] == "failed"

        eventually(failed_for_good, timeout=ALL_ATTEMPTS_S, interval=1, what="the delivery failing five times")
        row = _log_row(page, webhook_id)
        expect(row.get_by_test_id("webhook-status")).to_have_text("failed", timeout=15_000)  # the log refreshed itself
        assert row.get_by_test_id("webhook-attempts").inner_text() == "5"
        assert row.get_by_test_id("webhook-response-code").inner_text() == "500"
        receiver.accepting = True

        row.get_by_test_id("retry-webhook-button").click()

        expect(_log_row(page, webhook_id).get_by_test_id("webhook-status")).to_have_text("success", timeout=30_000)
        assert _log_row(page, webhook_id).get_by_test_id("webhook-attempts").inner_text() == "1"
        bodies = [body for _headers, body in receiver.deliveries_of(webhook_id)]
        assert len(bodies) == 6 and len(set(bodies)) == 1


def test_a_delivery_opens_with_every_attempt(stack, page, shop_owner):
    require_api(stack, *WEBHOOK_PATHS, "/api/v1/webhooks/{webhook_id}")
    with WebhookReceiver() as receiver:
        shop_owner.api.put("/api/v1/webhooks/config", json={"webhook_url": receiver.url})
        entry = shop_owner.api.post("/api/v1/webhooks/test").json()
        _first_test_event(receiver)
        sign_in(page, shop_owner.email, shop_owner.password)
        page.goto("/dashboard/webhooks")

        _log_row(page, entry["id"]).get_by_test_id("webhook-event").get_by_role("link").click()

        expect(page.get_by_test_id("webhook-attempt")).to_have_count(1)
        assert '"event": "webhook.test"' in page.get_by_test_id("webhook-payload").inner_text()

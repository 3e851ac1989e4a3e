"""Webhooks: URL and secret, sending a test event, the delivery log with retries, and one delivery in detail."""

from __future__ import annotations

import re

from dashboard.api_client import GatewayError
from tests.dashboard.fakes import delivery


def test_the_configuration_form_shows_the_url_and_the_secret(merchant, gateway):
    gateway.config["webhook_url"] = "https://shop.example/hooks"

    html = merchant.get("/dashboard/webhooks").get_data(as_text=True)

    assert 'type="url"' in html and 'value="https://shop.example/hooks" data-test-id="webhook-url-input"' in html
    assert re.search(r'data-test-id="webhook-secret">whsec_test_abc123<', html)
    assert re.search(r'type="submit"[^>]*data-test-id="save-webhook-button"', html)
    assert re.search(r'type="button"[^>]*data-test-id="test-webhook-button"', html)
    assert 'data-test-id="regenerate-secret-button"' in html


def test_saving_a_url_stores_it(merchant, gateway):
    response = merchant.submit("/dashboard/webhooks", {"webhook_url": "https://shop.example/hooks"})

    assert response.headers["Location"] == "/dashboard/webhooks"
    assert gateway.config["webhook_url"] == "https://shop.example/hooks"


def test_saving_an_empty_url_stops_deliveries(merchant, gateway):
    gateway.config["webhook_url"] = "https://shop.example/hooks"

    page = merchant.submit("/dashboard/webhooks", {"webhook_url": "  "}, follow_redirects=True)

    assert gateway.config["webhook_url"] is None
    assert "no events will be sent" in page.get_data(as_text=True)


def test_a_refused_url_is_explained_in_the_gateways_words(merchant, gateway):
    page = merchant.submit("/dashboard/webhooks", {"webhook_url": "ftp://shop.example"}, follow_redirects=True)

    assert "webhook_url must be an http or https URL" in page.get_data(as_text=True)


def test_regenerating_the_secret_shows_the_new_one(merchant, gateway):
    page = merchant.submit("/dashboard/webhooks/regenerate-secret", follow_redirects=True)

    assert gateway.config["webhook_secret"] != "whsec_test_abc123"
    assert f">{gateway.config['webhook_secret']}<" in page.get_data(as_text=True)


def test_sending_a_test_event_answers_the_page_script_in_json(merchant, gateway):
    gateway.config["webhook_url"] = "https://shop.example/hooks"

    response = merchant.submit("/dashboard/webhooks/test", headers={"X-Dashboard-Fetch": "1"})

    assert response.status_code == 202
    assert response.get_json()["id"] == gateway.deliveries[0]["id"]
    assert gateway.sent_tests == 1


def test_a_test_event_without_a_url_says_why_in_json(merchant):
    response = merchant.submit("/dashboard/webhooks/test", headers={"X-Dashboard-Fetch": "1"})

    assert response.status_code == 400
    assert response.get_json() == {"error": "No webhook URL is configured"}


def test_the_log_has_the_contract_columns_and_a_retry_button_on_every_row(merchant, gateway):
    gateway.deliveries = [
        delivery("payment.failed", "pending", 2, response_code=500, next_retry_at="2024-01-15T10:36:00Z"),
        delivery("payment.success", "success", 1),
    ]

    html = merchant.get("/dashboard/webhooks/logs").get_data(as_text=True)

    headers = re.findall(r"<th>([^<]+)</th>", html)
    assert headers == ["Event", "Status", "Attempts", "Last Attempt", "Response Code", "Actions"]
    ids = re.findall(r'data-test-id="webhook-log-item" data-webhook-id="([^"]+)"', html)
    assert ids == [d["id"] for d in gateway.deliveries]
    assert re.findall(r'data-test-id="retry-webhook-button" data-webhook-id="([^"]+)"', html) == ids
    assert re.search(r'data-test-id="webhook-attempts">2<', html)
    assert re.search(r'data-test-id="webhook-response-code">500<', html)
    assert re.search(r'data-test-id="webhook-last-attempt">2024-01-15 10:31:01<', html)
    assert "next retry 2024-01-15 10:36:00" in html


def test_the_log_refreshes_itself(merchant):
    html = merchant.get("/dashboard/webhooks").get_data(as_text=True)

    assert 'data-refresh-url="/dashboard/webhooks/logs"' in html and 'data-refresh-while="always"' in html


def test_an_empty_log_says_how_to_fill_it(merchant):
    assert "No deliveries yet." in merchant.get("/dashboard/webhooks").get_data(as_text=True)


def test_retrying_schedules_the_delivery_again(merchant, gateway):
    gateway.deliveries = [delivery("payment.failed", "failed", 5)]
    webhook_id = gateway.deliveries[0]["id"]

    page = merchant.submit(f"/dashboard/webhooks/{webhook_id}/retry", follow_redirects=True)

    assert gateway.retried == [webhook_id]
    assert "Delivery scheduled again" in page.get_data(as_text=True)


def test_the_detail_shows_every_attempt_and_the_payload(merchant, gateway):
    attempts = [
        {"attempt": 1, "attempted_at": "2024-01-15T10:31:01Z", "response_code": 500, "duration_ms": 12},
        {"attempt": 2, "attempted_at": "2024-01-15T10:31:06Z", "response_code": None, "duration_ms": 5000},
    ]
    gateway.deliveries = [
        delivery(
            "payment.failed",
            "pending",
            2,
            deliveries=[
                {**a, "error": "timed out" if a["attempt"] == 2 else None, "response_body": ""} for a in attempts
            ],
            payload={"event": "payment.failed", "timestamp": 1705314660, "data": {"payment": {"id": "pay_x"}}},
        )
    ]

    html = merchant.get(f"/dashboard/webhooks/{gateway.deliveries[0]['id']}").get_data(as_text=True)

    assert html.count('data-test-id="webhook-attempt"') == 2
    assert "timed out" in html and "5000 ms" in html
    assert "&#34;timestamp&#34;: 1705314660" in html or '"timestamp": 1705314660' in html


def test_an_unknown_delivery_is_a_plain_not_found(merchant):
    assert merchant.get("/dashboard/webhooks/not-a-uuid").status_code == 404
    response = merchant.get("/dashboard/webhooks/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert "Webhook log entry not found" in response.get_data(as_text=True)


def test_a_webhooks_outage_is_a_banner(merchant, gateway):
    gateway.failure = GatewayError("The Paygate API cannot be reached right now. Try again in a moment.")

    response = merchant.get("/dashboard/webhooks")

    assert response.status_code == 503
    assert "cannot be reached" in response.get_data(as_text=True)

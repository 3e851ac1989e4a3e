"""Home: credentials in full, statistics from real payments, the last week's chart, and outages shown plainly."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from dashboard.api_client import GatewayError
from tests.dashboard.fakes import payment


def _text_of(html: str, hook: str) -> str:
    return re.search(rf'data-test-id="{hook}"[^>]*>([^<]*)<', html).group(1).strip()


def test_home_shows_the_api_key_and_secret_in_full(merchant):
    html = merchant.get("/dashboard").get_data(as_text=True)

    assert 'data-test-id="dashboard"' in html and 'data-test-id="api-credentials"' in html
    assert _text_of(html, "api-key") == "key_test_abc123"
    assert _text_of(html, "api-secret") == "secret_test_xyz789"


def test_home_counts_every_payment_and_sums_the_successful_ones_in_indian_grouping(merchant, gateway):
    gateway.payments = [payment(n, "success", amount=10_000_000) for n in range(1, 5)]
    gateway.payments += [payment(5, "failed", amount=99_900), payment(6, "pending", amount=50_000)]

    html = merchant.get("/dashboard").get_data(as_text=True)

    assert _text_of(html, "total-transactions") == "6"
    assert _text_of(html, "total-amount") == "₹4,00,000"
    assert _text_of(html, "success-rate") == "67%"


def test_home_counts_payments_beyond_the_first_page_of_the_api(merchant, gateway):
    gateway.payments = [payment(n, "success" if n % 20 else "failed", amount=100) for n in range(1, 251)]

    html = merchant.get("/dashboard").get_data(as_text=True)

    assert _text_of(html, "total-transactions") == "250"
    assert _text_of(html, "total-amount") == "₹238"
    assert _text_of(html, "success-rate") == "95%"


def test_a_merchant_without_payments_sees_zeros_and_an_empty_chart(merchant):
    html = merchant.get("/dashboard").get_data(as_text=True)

    assert _text_of(html, "total-transactions") == "0"
    assert _text_of(html, "total-amount") == "₹0"
    assert _text_of(html, "success-rate") == "0%"
    assert "No payments in the last 7 days" in html


def test_the_chart_draws_the_last_week_of_payments_by_outcome(merchant, gateway):
    today = datetime.now(UTC).replace(microsecond=0)
    created = today.strftime("%Y-%m-%dT%H:%M:%SZ")
    old = (today - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    gateway.payments = [
        payment(1, "success", created_at=created),
        payment(2, "failed", created_at=created),
        payment(3, "success", created_at=old),
    ]

    html = merchant.get("/dashboard").get_data(as_text=True)

    assert 'data-test-id="payments-chart"' in html
    assert html.count('class="bar bar-succeeded"') == 1
    assert html.count('class="bar bar-failed"') == 1
    assert f"{today:%d %b}: 1 successful" in html


def test_an_unavailable_gateway_is_a_banner_and_the_credentials_stay_visible(merchant, gateway):
    gateway.failure = GatewayError("A Paygate service is unavailable right now. Try again in a moment.", 503)

    response = merchant.get("/dashboard")

    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Payment statistics are unavailable: A Paygate service is unavailable right now." in html
    assert _text_of(html, "api-secret") == "secret_test_xyz789"

"""Transactions: the exact table, filters, pages, a payment in detail, and capture."""

from __future__ import annotations

import re

from dashboard.api_client import GatewayError
from tests.dashboard.fakes import delivery, payment, refund


def _rows(html: str) -> list[str]:
    return re.findall(r'data-test-id="transaction-row" data-payment-id="([^"]+)"', html)


def _cell(html: str, hook: str) -> str:
    return re.search(rf'data-test-id="{hook}"[^>]*>(?:<a [^>]*>)?([^<]*)<', html).group(1)


def test_the_table_has_the_contract_columns_and_cells(merchant, gateway):
    gateway.payments = [payment(7, amount=50000, method="card", created_at="2024-01-15T10:31:00Z")]

    html = merchant.get("/dashboard/transactions").get_data(as_text=True)

    headers = re.findall(r"<th>([^<]+)</th>", html)
    assert headers == ["Payment ID", "Order ID", "Amount", "Method", "Status", "Created"]
    assert _rows(html) == ["pay_0000000000000007"]
    assert _cell(html, "payment-id") == "pay_0000000000000007"
    assert _cell(html, "order-id") == "order_0000000000000007"
    assert _cell(html, "amount") == "50000"
    assert _cell(html, "method") == "card"
    assert _cell(html, "status") == "success"
    assert _cell(html, "created-at") == "2024-01-15 10:31:00"


def test_payments_are_listed_newest_first_as_the_api_gives_them(merchant, gateway):
    gateway.payments = [payment(3), payment(2), payment(1)]

    html = merchant.get("/dashboard/transactions").get_data(as_text=True)

    assert _rows(html) == ["pay_0000000000000003", "pay_0000000000000002", "pay_0000000000000001"]


def test_filters_by_status_and_method_reach_the_api(merchant, gateway):
    gateway.payments = [payment(1, "failed", method="card"), payment(2, "failed"), payment(3, "success", method="card")]

    html = merchant.get("/dashboard/transactions?status=failed&method=card").get_data(as_text=True)

    assert _rows(html) == ["pay_0000000000000001"]
    assert '<option value="failed" selected>' in html


def test_an_unknown_filter_value_is_ignored_rather_than_sent(merchant, gateway):
    gateway.payments = [payment(1)]

    html = merchant.get("/dashboard/transactions?status=nonsense").get_data(as_text=True)

    assert _rows(html) == ["pay_0000000000000001"]


def test_the_list_is_paged_twenty_at_a_time(merchant, gateway):
    gateway.payments = [payment(n) for n in range(45, 0, -1)]

    first = merchant.get("/dashboard/transactions").get_data(as_text=True)
    third = merchant.get("/dashboard/transactions?page=3").get_data(as_text=True)

    assert len(_rows(first)) == 20 and "1–20 of 45" in first and 'href="/dashboard/transactions?page=2"' in first
    assert _rows(third) == [f"pay_{n:016d}" for n in range(5, 0, -1)]


def test_an_empty_list_says_so(merchant):
    html = merchant.get("/dashboard/transactions").get_data(as_text=True)

    assert "No payments yet." in html


def test_an_api_outage_is_shown_as_a_banner(merchant, gateway):
    gateway.failure = GatewayError("A Paygate service is unavailable right now. Try again in a moment.", 503)

    response = merchant.get("/dashboard/transactions")

    assert response.status_code == 503
    assert 'class="banner banner-error" role="alert">A Paygate service is unavailable' in response.get_data(
        as_text=True
    )


def test_the_detail_shows_the_payment_its_refunds_and_its_webhook_deliveries(merchant, gateway):
    paid = payment(1, amount=50000)
    gateway.payments = [paid, payment(2)]
    gateway.refunds = [refund(1, paid["id"], 2000, "processed"), refund(2, "pay_0000000000000002", 10)]
    gateway.deliveries = [delivery("payment.success", payment_id=paid["id"]), delivery("payment.failed")]

    html = merchant.get(f"/dashboard/transactions/{paid['id']}").get_data(as_text=True)

    assert "₹500.00" in html
    assert "rfnd_0000000000000001" in html and "rfnd_0000000000000002" not in html
    assert "payment.success" in html and "payment.failed" not in html
    assert "Refund rfnd_0000000000000001 processed" in html


def test_the_detail_stays_usable_when_refunds_and_webhook_deliveries_cannot_be_read(merchant, gateway):
    gateway.payments = [payment(1)]

    def service_down(**_kwargs):
        raise GatewayError("A Paygate service is unavailable right now. Try again in a moment.", 503)

    gateway.list_refunds = gateway.list_webhook_deliveries = service_down

    response = merchant.get("/dashboard/transactions/pay_0000000000000001")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Refunds are unavailable" in html and "Webhook deliveries are unavailable" in html
    assert 'data-test-id="capture-button"' in html


def test_a_malformed_payment_id_is_not_found_without_asking_the_api(merchant, gateway):
    gateway.failure = GatewayError("should not be called")

    assert merchant.get("/dashboard/transactions/pay_..%2F..%2Fwebhooks").status_code == 404


def test_only_a_successful_uncaptured_payment_offers_capture(merchant, gateway):
    gateway.payments = [payment(1), payment(2, captured=True), payment(3, "pending")]

    offers = [
        'data-test-id="capture-button"' in merchant.get(f"/dashboard/transactions/pay_{n:016d}").get_data(as_text=True)
        for n in (1, 2, 3)
    ]

    assert offers == [True, False, False]


def test_capturing_marks_the_payment_captured(merchant, gateway):
    gateway.payments = [payment(1)]

    response = merchant.submit("/dashboard/transactions/pay_0000000000000001/capture")

    assert response.headers["Location"] == "/dashboard/transactions/pay_0000000000000001"
    assert gateway.payments[0]["captured"] is True
    assert "Payment captured." in merchant.get(response.headers["Location"]).get_data(as_text=True)


def test_a_refused_capture_says_why(merchant, gateway):
    gateway.payments = [payment(1, "failed")]

    response = merchant.submit("/dashboard/transactions/pay_0000000000000001/capture", follow_redirects=True)

    assert "The payment was not captured: Payment not in capturable state" in response.get_data(as_text=True)

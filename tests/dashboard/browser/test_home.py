"""Home in the browser: the numbers equal what the API reports; an outage is a banner, not a crash."""

from __future__ import annotations

import pytest

from tests.dashboard.browser.support import require_api, sign_in
from tests.payments.support import successful_payment

pytestmark = pytest.mark.browser


def _api_numbers(api) -> tuple[int, int, int]:
    """(count, sum of successful amounts, successful count) from the payments list, page by page."""
    payments, offset = [], 0
    while True:
        page = api.get("/api/v1/payments", params={"limit": 100, "offset": offset}).json()
        payments += page["data"]
        offset += 100
        if offset >= page["total"]:
            break
    succeeded = [p for p in payments if p["status"] == "success"]
    return page["total"], sum(p["amount"] for p in succeeded), len(succeeded)


def test_home_numbers_equal_what_the_api_reports(stack, page, shop_owner):
    require_api(stack, "/api/v1/payments")
    for amount in (5_000_000, 5_000_000, 100):
        successful_payment(shop_owner.api, amount)

    sign_in(page, shop_owner.email, shop_owner.password)

    assert _api_numbers(shop_owner.api) == (3, 10_000_100, 3)
    assert page.get_by_test_id("total-transactions").inner_text() == "3"
    assert page.get_by_test_id("total-amount").inner_text() == "₹1,00,001"
    assert page.get_by_test_id("success-rate").inner_text() == "100%"
    assert page.get_by_test_id("api-key").inner_text() == shop_owner.api_key
    assert page.get_by_test_id("payments-chart").is_visible()


def test_a_payments_outage_shows_a_banner_and_keeps_the_credentials(stack, page, shop_owner):
    require_api(stack, "/api/v1/payments")
    sign_in(page, shop_owner.email, shop_owner.password)
    stack.stop("payments")

    page.goto("/dashboard")

    assert "Payment statistics are unavailable" in page.get_by_role("alert").inner_text()
    assert page.get_by_test_id("api-key").inner_text() == shop_owner.api_key

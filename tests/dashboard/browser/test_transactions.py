"""Transactions in the browser: a new payment appears, opens in detail and can be captured."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.dashboard.browser.support import require_api, sign_in
from tests.payments.support import pay, successful_payment

pytestmark = pytest.mark.browser


def test_a_new_payment_appears_first_in_the_transactions_table(stack, page, shop_owner):
    require_api(stack, "/api/v1/payments")
    successful_payment(shop_owner.api, 2500)
    payment = pay(shop_owner.api, 50000)
    sign_in(page, shop_owner.email, shop_owner.password)

    page.goto("/dashboard/transactions")

    first = page.get_by_test_id("transaction-row").first
    assert first.get_attribute("data-payment-id") == payment["id"]
    assert first.get_by_test_id("payment-id").inner_text() == payment["id"]
    assert first.get_by_test_id("order-id").inner_text() == payment["order_id"]
    assert first.get_by_test_id("amount").inner_text() == "50000"
    assert first.get_by_test_id("method").inner_text() == "upi"
    assert first.get_by_test_id("status").inner_text() in ("pending", "success")
    assert first.get_by_test_id("created-at").inner_text() == payment["created_at"].replace("T", " ").rstrip("Z")
    assert page.get_by_test_id("transaction-row").count() == 2


def test_a_successful_payment_opens_in_detail_and_is_captured_from_there(stack, page, shop_owner):
    require_api(stack, "/api/v1/payments/{payment_id}/capture")
    payment = successful_payment(shop_owner.api, 7500)
    sign_in(page, shop_owner.email, shop_owner.password)
    page.goto("/dashboard/transactions?status=success")

    page.get_by_test_id("payment-id").get_by_role("link", name=payment["id"]).click()
    page.get_by_test_id("capture-button").click()

    expect(page.get_by_test_id("payment-captured")).to_have_text("captured")
    assert page.get_by_test_id("capture-button").count() == 0
    assert shop_owner.api.get(f"/api/v1/payments/{payment['id']}").json()["captured"] is True

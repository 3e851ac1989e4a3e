"""The demo shop, as a newcomer tries the whole flow in a browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.checkout.support import PAYMENT_OUTCOME_MS, hook

pytestmark = pytest.mark.browser


def test_buying_in_the_demo_shop_creates_an_order_opens_the_checkout_and_reports_the_payment(page, checkout, api):
    page.goto(f"{checkout.url}/demo")
    page.fill("#price", "1500")
    page.get_by_role("button", name="Buy now").click()

    frame = page.frame_locator(hook("payment-iframe"))
    expect(frame.locator(hook("order-amount"))).to_have_text("₹1,500.00")
    frame.locator(hook("method-upi")).click()
    frame.locator(hook("vpa-input")).fill("shopper@okbank")
    frame.locator(hook("pay-button")).click()

    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^Paid: payment pay_\w{16} for order order_\w{16}\.$"), timeout=PAYMENT_OUTCOME_MS
    )
    payment_id = re.search(r"pay_\w{16}", page.get_by_role("status").inner_text()).group(0)
    payment = api.get(f"/api/v1/payments/{payment_id}").json()
    assert (payment["amount"], payment["status"]) == (150000, "success")
    expect(page.locator(hook("payment-modal"))).to_have_count(0)


def test_closing_the_demo_checkout_says_nothing_was_paid(page, checkout):
    page.goto(f"{checkout.url}/demo")
    page.get_by_role("button", name="Buy now").click()
    page.click(hook("close-modal-button"))

    expect(page.get_by_role("status")).to_have_text("Checkout closed without paying.")

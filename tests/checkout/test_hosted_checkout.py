"""A shopper on the hosted checkout page, in Chromium, against the real stack."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.checkout.support import PAYMENT_OUTCOME_MS, hook

pytestmark = pytest.mark.browser

PAYMENT_ID = re.compile(r"^pay_[A-Za-z0-9]{16}$")


def open_checkout(page, checkout, api, amount: int = 50000) -> str:
    order_id = api.post("/api/v1/orders", json={"amount": amount}).json()["id"]
    page.goto(f"{checkout.url}/checkout?order_id={order_id}")
    return order_id


def pay_by_upi(page, vpa: str) -> None:
    page.click(hook("method-upi"))
    page.fill(hook("vpa-input"), vpa)
    page.click(hook("pay-button"))


def pay_by_card(page, expiry: str) -> None:
    page.click(hook("method-card"))
    page.fill(hook("card-number-input"), "4111 1111 1111 1111")
    page.fill(hook("expiry-input"), expiry)
    page.fill(hook("cvv-input"), "123")
    page.fill(hook("cardholder-name-input"), "Asha Rao")
    page.click(hook("pay-button"))


def test_the_order_summary_shows_a_real_orders_amount_with_indian_grouping(page, checkout, api):
    order_id = open_checkout(page, checkout, api, amount=10000000)

    expect(page.locator(hook("order-amount"))).to_have_text("₹1,00,000.00")
    expect(page.locator(hook("order-id"))).to_have_text(order_id)
    expect(page.locator(hook("pay-button"))).to_have_count(0)


def test_choosing_a_method_shows_only_its_form(page, checkout, api):
    open_checkout(page, checkout, api)

    page.click(hook("method-card"))
    expect(page.locator(hook("card-form"))).to_be_visible()
    expect(page.locator(hook("card-number-input"))).to_be_focused()
    page.click(hook("method-upi"))

    expect(page.locator(hook("upi-form"))).to_be_visible()
    expect(page.locator(hook("card-form"))).to_have_count(0)
    expect(page.locator(hook("pay-button"))).to_have_text("Pay ₹500.00")
    expect(page.locator(hook("method-upi"))).to_have_attribute("aria-pressed", "true")


def test_the_card_form_names_the_network_while_typing_and_writes_the_expiry_as_mm_yy(page, checkout, api):
    open_checkout(page, checkout, api)
    page.click(hook("method-card"))

    page.locator(hook("card-number-input")).press_sequentially("4111")
    expect(page.locator(hook("card-network"))).to_have_text("Visa")
    page.fill(hook("card-number-input"), "")
    page.locator(hook("card-number-input")).press_sequentially("5500000000000004")
    expect(page.locator(hook("card-network"))).to_have_text("Mastercard")
    expect(page.locator(hook("card-number-input"))).to_have_value("5500 0000 0000 0004")
    page.locator(hook("expiry-input")).press_sequentially("1230")

    expect(page.locator(hook("expiry-input"))).to_have_value("12/30")


def test_the_method_choice_and_forms_work_from_the_keyboard(page, checkout, api):
    open_checkout(page, checkout, api)
    page.locator(hook("method-upi")).focus()

    page.keyboard.press("Enter")
    page.keyboard.type("shopper@okbank")

    expect(page.locator(hook("vpa-input"))).to_have_value("shopper@okbank")
    expect(page.get_by_label("UPI ID")).to_be_focused()


def test_a_upi_payment_reaches_the_success_state_with_the_payment_id(page, checkout, api):
    order_id = open_checkout(page, checkout, api)

    pay_by_upi(page, "shopper@okbank")

    expect(page.locator(hook("processing-message"))).to_have_text("Processing payment...")
    expect(page.locator(hook("success-state"))).to_be_visible(timeout=PAYMENT_OUTCOME_MS)
    payment_id = page.locator(hook("payment-id")).inner_text()
    assert PAYMENT_ID.match(payment_id)
    payment = api.get(f"/api/v1/payments/{payment_id}").json()
    assert (payment["order_id"], payment["method"], payment["status"]) == (order_id, "upi", "success")
    expect(page.locator(hook("success-message"))).to_be_visible()


def test_a_card_payment_reaches_the_success_state_and_the_card_is_kept_nowhere(page, checkout, api):
    open_checkout(page, checkout, api)

    pay_by_card(page, expiry="12/30")

    expect(page.locator(hook("success-state"))).to_be_visible(timeout=PAYMENT_OUTCOME_MS)
    payment = api.get(f"/api/v1/payments/{page.locator(hook('payment-id')).inner_text()}").json()
    assert (payment["method"], payment["card_network"], payment["card_last4"]) == ("card", "visa", "1111")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    expect(page.locator(hook("card-number-input"))).to_have_count(0)
    assert "4111" not in checkout.log()


def test_an_expired_card_is_explained_in_words_a_shopper_understands(page, checkout, api):
    open_checkout(page, checkout, api)

    pay_by_card(page, expiry="01/20")

    expect(page.locator(hook("error-message"))).to_have_text(
        "This card has expired or the expiry date isn't valid. Check the MM/YY date or use another card.",
        timeout=PAYMENT_OUTCOME_MS,
    )
    page.click(hook("retry-button"))
    expect(page.locator(hook("expiry-input"))).to_have_value("01/20")
    expect(page.locator(hook("cvv-input"))).to_have_value("")


def test_an_invalid_vpa_shows_the_error_state_and_retry_lets_the_shopper_pay(page, checkout, api):
    open_checkout(page, checkout, api)

    pay_by_upi(page, "not-a-vpa")

    expect(page.locator(hook("error-state"))).to_be_visible(timeout=PAYMENT_OUTCOME_MS)
    expect(page.locator(hook("error-message"))).to_contain_text("UPI ID doesn't look right")
    page.click(hook("retry-button"))
    expect(page.locator(hook("vpa-input"))).to_have_value("not-a-vpa")
    page.fill(hook("vpa-input"), "shopper@okbank")
    page.click(hook("pay-button"))

    expect(page.locator(hook("success-state"))).to_be_visible(timeout=PAYMENT_OUTCOME_MS)
    expect(page.locator(hook("error-state"))).to_be_hidden()
    assert PAYMENT_ID.match(page.locator(hook("payment-id")).inner_text())

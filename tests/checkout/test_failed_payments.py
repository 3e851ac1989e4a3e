"""When the processor declines (TEST_PAYMENT_SUCCESS=false): the shopper is told and may retry; the SDK stays open."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.checkout.support import PAYMENT_OUTCOME_MS, hook, running_checkout
from tests.support.waiting import eventually

pytestmark = pytest.mark.browser

STACK_ENV = {"TEST_PAYMENT_SUCCESS": "false", "TEST_PROCESSING_DELAY": "200"}
IFRAME = hook("payment-iframe")


@pytest.fixture(scope="module")
def checkout(separate_stack, tmp_path_factory):
    """In this module the checkout talks to a stack that declines every payment."""
    with running_checkout(separate_stack, tmp_path_factory.mktemp("checkout")) as running:
        yield running


@pytest.fixture
def order_id(separate_stack):
    return separate_stack.session().post("/api/v1/orders", json={"amount": 50000}).json()["id"]


def test_a_declined_payment_shows_the_error_state_and_the_shopper_can_try_again(page, checkout, order_id):
    page.goto(f"{checkout.url}/checkout?order_id={order_id}")
    page.click(hook("method-upi"))
    page.fill(hook("vpa-input"), "shopper@okbank")
    page.click(hook("pay-button"))

    expect(page.locator(hook("error-state"))).to_be_visible(timeout=PAYMENT_OUTCOME_MS)
    expect(page.locator(hook("error-message"))).to_have_text(
        "Your payment could not be completed. Please try again, or choose another payment method."
    )
    page.click(hook("retry-button"))
    expect(page.locator(hook("vpa-input"))).to_have_value("shopper@okbank")
    expect(page.locator(hook("vpa-input"))).to_be_focused()


def test_a_declined_payment_in_the_modal_calls_on_failure_and_leaves_the_modal_open(
    page, shop, separate_stack, order_id
):
    page.goto(f"{shop.origin}/shop.html")
    page.evaluate("orderId => openCheckout(orderId)", order_id)
    frame = page.frame_locator(IFRAME)
    frame.locator(hook("method-upi")).click()
    frame.locator(hook("vpa-input")).fill("shopper@okbank")
    frame.locator(hook("pay-button")).click()

    expect(frame.locator(hook("error-state"))).to_be_visible(timeout=PAYMENT_OUTCOME_MS)
    [failure] = eventually(lambda: page.evaluate("window.calls"), what="onFailure being called")
    assert failure["callback"] == "onFailure"
    assert failure["data"]["orderId"] == order_id
    assert failure["data"]["error"] == {"code": "PAYMENT_FAILED", "description": "Payment processing failed"}
    payment = separate_stack.session().get(f"/api/v1/payments/{failure['data']['paymentId']}").json()
    assert payment["status"] == "failed"
    expect(page.locator(IFRAME)).to_be_visible()

"""checkout.js on a merchant's page served from another origin than the checkout, in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.checkout.support import PAYMENT_OUTCOME_MS, hook
from tests.support.waiting import eventually

pytestmark = pytest.mark.browser

MODAL = "div#payment-gateway-modal"
IFRAME = f"{MODAL} > .modal-overlay > .modal-content > iframe{hook('payment-iframe')}"
CLOSE_BUTTON = f"{MODAL} > .modal-overlay > .modal-content > button{hook('close-modal-button')}"


@pytest.fixture
def order_id(api):
    return api.post("/api/v1/orders", json={"amount": 50000}).json()["id"]


@pytest.fixture
def shop_page(page, shop, order_id):
    """The shop's page with the checkout modal open for a fresh order."""
    page.goto(f"{shop.origin}/shop.html")
    page.evaluate("orderId => openCheckout(orderId)", order_id)
    return page


def calls(page) -> list[dict]:
    return page.evaluate("window.calls")


def test_open_shows_the_modal_with_the_exact_hooks_and_iframe_url(shop_page, checkout, shop, order_id):
    expect(shop_page.locator(f"{MODAL}{hook('payment-modal')}")).to_have_count(1)
    expect(shop_page.locator(IFRAME)).to_have_count(1)
    expect(shop_page.locator(CLOSE_BUTTON)).to_be_visible()

    assert shop_page.get_attribute(IFRAME, "src") == (
        f"{checkout.url}/checkout?order_id={order_id}&embedded=true&key=key_test_abc123&origin={shop.origin}"
    )
    frame = shop_page.frame_locator(IFRAME)
    expect(frame.locator(hook("order-amount"))).to_have_text("₹500.00")
    expect(frame.locator(hook("order-id"))).to_have_text(order_id)


def test_a_second_open_does_not_stack_modals(shop_page, order_id):
    shop_page.evaluate("window.gateway.open()")
    shop_page.evaluate("orderId => openCheckout(orderId)", order_id)

    expect(shop_page.locator(MODAL)).to_have_count(1)
    expect(shop_page.locator(IFRAME)).to_have_count(1)


def test_the_close_button_removes_the_modal_and_calls_on_close_once(shop_page):
    shop_page.click(CLOSE_BUTTON)

    expect(shop_page.locator(MODAL)).to_have_count(0)
    shop_page.evaluate("window.gateway.close()")
    assert calls(shop_page) == [{"callback": "onClose"}]
    assert shop_page.evaluate("document.body.style.overflow") == ""


def test_escape_closes_the_modal_wherever_the_focus_is(shop_page):
    frame = shop_page.frame_locator(IFRAME)
    frame.locator(hook("method-upi")).click()
    frame.locator(hook("vpa-input")).press("Escape")

    expect(shop_page.locator(MODAL)).to_have_count(0)
    assert calls(shop_page) == [{"callback": "onClose"}]

    shop_page.evaluate("window.gateway.open()")
    shop_page.focus("#elsewhere")
    shop_page.keyboard.press("Escape")
    expect(shop_page.locator(MODAL)).to_have_count(0)


def test_a_click_on_the_overlay_closes_the_modal_but_a_click_inside_does_not(shop_page):
    shop_page.click(f"{MODAL} .modal-content", position={"x": 20, "y": 300})
    expect(shop_page.locator(MODAL)).to_have_count(1)

    shop_page.click(f"{MODAL} .modal-overlay", position={"x": 2, "y": 2})

    expect(shop_page.locator(MODAL)).to_have_count(0)
    assert calls(shop_page) == [{"callback": "onClose"}]


def test_messages_from_any_origin_but_the_checkout_are_ignored(shop_page, shop, forger):
    shop_page.evaluate(
        """forger => {
            const frame = document.createElement("iframe");
            frame.src = forger + "/forger.html";
            document.body.append(frame);
            window.postMessage({type: "payment_success", data: {paymentId: "pay_fromTheShopItself"}}, "*");
        }""",
        forger.origin,
    )

    eventually(
        lambda: (
            shop_page.evaluate("window.messageOrigins").count(forger.origin) == 2
            and shop.origin in shop_page.evaluate("window.messageOrigins")
        ),
        what="the forged messages reaching the shop's page",
    )
    assert calls(shop_page) == []
    expect(shop_page.locator(IFRAME)).to_have_count(1)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("undefined", "new PaymentGateway(options) must be an object {key, orderId, onSuccess, onFailure, onClose}"),
        ("{orderId: 'order_AbCdEfGh12345678'}", "options.key must be your API key, a non-empty string"),
        ("{key: 'key_test_abc123'}", "options.orderId must be the id of an order created by your server"),
        ("{key: 'key_test_abc123', orderId: 42}", "got the number 42"),
        ("{key: 'k', orderId: 'order_AbCdEfGh12345678', onSuccess: 'done'}", "options.onSuccess must be a function"),
        ("{key: 'k', orderId: 'order_AbCdEfGh12345678', onsuccess() {}}", "unknown option onsuccess"),
    ],
)
def test_bad_options_are_refused_saying_what_was_expected_and_what_arrived(page, shop, options, message):
    page.goto(f"{shop.origin}/shop.html")

    error = page.evaluate(f"() => {{ try {{ new PaymentGateway({options}); }} catch (e) {{ return e.message; }} }}")

    assert error is not None and message in error, error


def test_a_payment_in_the_iframe_calls_on_success_with_the_payment_id_and_closes(shop_page, api, order_id):
    frame = shop_page.frame_locator(IFRAME)
    frame.locator(hook("method-upi")).click()
    frame.locator(hook("vpa-input")).fill("shopper@okbank")
    frame.locator(hook("pay-button")).click()

    expect(shop_page.locator(MODAL)).to_have_count(0, timeout=PAYMENT_OUTCOME_MS)
    success, closed = calls(shop_page)
    assert success["callback"] == "onSuccess"
    assert re.match(r"^pay_[A-Za-z0-9]{16}$", success["data"]["paymentId"])
    assert success["data"]["orderId"] == order_id
    assert api.get(f"/api/v1/payments/{success['data']['paymentId']}").json()["status"] == "success"
    assert closed == {"callback": "onClose"}

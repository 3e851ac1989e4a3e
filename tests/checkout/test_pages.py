"""The checkout app's routes and headers, through Flask's test client with a hand-written fake of the API."""

from __future__ import annotations

import re

import pytest

from checkout.app import create_app
from checkout.config import Settings
from checkout.gateway_client import GatewayUnavailable, OrderNotFound, PublicOrder

ORDER_ID = "order_AbCdEfGh12345678"
API_URL = "http://api.paygate.test:8000"


class FakeGateway:
    def __init__(self, orders: dict[str, PublicOrder] | None = None, *, down: bool = False) -> None:
        self.orders = orders or {}
        self.down = down
        self.created: list[tuple[str, str, int]] = []

    def public_order(self, order_id: str) -> PublicOrder:
        if self.down:
            raise GatewayUnavailable("connection refused")
        if order_id not in self.orders:
            raise OrderNotFound(order_id)
        return self.orders[order_id]

    def create_order(self, key: str, secret: str, amount: int, receipt: str) -> PublicOrder:
        if self.down:
            raise GatewayUnavailable("connection refused")
        order = PublicOrder(id=f"order_Demo{len(self.created):012d}", amount=amount, currency="INR", status="created")
        self.created.append((key, secret, amount))
        self.orders[order.id] = order
        return order


@pytest.fixture
def gateway():
    return FakeGateway({ORDER_ID: PublicOrder(id=ORDER_ID, amount=50000, currency="INR", status="created")})


@pytest.fixture
def client(gateway):
    settings = Settings.from_env({"PAYGATE_API_URL": API_URL, "CHECKOUT_PUBLIC_URL": "http://pay.shop.test:3001"})
    return create_app(settings, gateway).test_client()


def hook_text(html: str, name: str) -> str:
    match = re.search(rf'data-test-id="{name}"[^>]*>([^<]*)<', html)
    assert match, f"no {name} hook in the page"
    return match.group(1)


def test_the_about_page_says_what_this_is_and_links_to_the_demo(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "Paygate Checkout" in response.text
    assert 'href="/demo"' in response.text


def test_the_checkout_page_shows_the_order_amount_in_rupees_and_the_order_id(client):
    response = client.get(f"/checkout?order_id={ORDER_ID}")

    assert response.status_code == 200
    assert hook_text(response.text, "order-amount") == "₹500.00"
    assert hook_text(response.text, "order-id") == ORDER_ID
    for name in ("checkout-container", "order-summary", "payment-methods", "processing-state", "error-state"):
        assert f'data-test-id="{name}"' in response.text
    assert 'data-test-id="method-upi" data-method="upi"' in response.text
    assert 'data-test-id="method-card" data-method="card"' in response.text
    assert hook_text(response.text, "processing-message") == "Processing payment..."


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (100, "₹1.00"),
        (99999, "₹999.99"),
        (100000, "₹1,000.00"),
        (10000000, "₹1,00,000.00"),
        (1234567891, "₹1,23,45,678.91"),
    ],
)
def test_amounts_use_indian_digit_grouping_from_a_thousand_rupees(client, gateway, amount, shown):
    gateway.orders[ORDER_ID] = PublicOrder(id=ORDER_ID, amount=amount, currency="INR", status="created")

    assert hook_text(client.get(f"/checkout?order_id={ORDER_ID}").text, "order-amount") == shown


def test_the_page_calls_the_api_from_the_browser_at_the_configured_url_and_may_connect_nowhere_else(client):
    response = client.get(f"/checkout?order_id={ORDER_ID}")

    assert f'data-api-url="{API_URL}"' in response.text
    policy = response.headers["Content-Security-Policy"]
    assert f"connect-src 'self' {API_URL}" in policy
    assert "form-action 'none'" in policy
    assert response.headers["Cache-Control"] == "no-store"


def test_an_embedded_page_may_be_framed_and_posts_only_to_the_exact_merchant_origin(client):
    response = client.get(
        f"/checkout?order_id={ORDER_ID}&embedded=true&key=key_test_abc123&origin=https://shop.example:8443"
    )

    assert response.status_code == 200
    assert 'data-parent-origin="https://shop.example:8443"' in response.text
    assert "frame-ancestors https://shop.example:8443" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "origin",
    ["", "*", "https://shop.example/path", "shop.example", "javascript:alert(1)", "https://user@shop.example"],
)
def test_an_embedded_page_with_no_exact_origin_posts_nowhere_and_cannot_be_framed(client, origin):
    response = client.get(f"/checkout?order_id={ORDER_ID}&embedded=true&origin={origin}")

    assert response.status_code == 200
    assert 'data-parent-origin=""' in response.text
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_the_hosted_page_is_never_framed_and_never_posts(client):
    response = client.get(f"/checkout?order_id={ORDER_ID}&origin=https://shop.example")

    assert 'data-parent-origin=""' in response.text
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("", 400, "No order to pay"),
        ("?order_id=order_NotAKnownOrder12", 404, "Order not found"),
        ("?order_id=../../admin", 404, "Order not found"),
    ],
)
def test_a_link_without_a_known_order_gets_a_page_that_says_so(client, query, status, words):
    response = client.get(f"/checkout{query}")

    assert response.status_code == status
    assert words in response.text
    assert 'data-test-id="pay-button"' not in response.text


def test_the_page_says_checkout_is_unavailable_when_the_api_is_down(client, gateway):
    gateway.down = True

    response = client.get(f"/checkout?order_id={ORDER_ID}")

    assert response.status_code == 503
    assert "Checkout is unavailable" in response.text


def test_card_fields_have_no_name_so_no_browser_form_submission_could_ever_carry_them(client):
    html = client.get(f"/checkout?order_id={ORDER_ID}").text
    for name in ("card-number-input", "expiry-input", "cvv-input", "cardholder-name-input", "vpa-input"):
        tag = re.search(rf'<input[^>]*data-test-id="{name}"[^>]*>', html).group(0)
        assert " name=" not in tag
    assert 'autocomplete="cc-number"' in html


def test_the_sdk_is_served_to_any_origin_with_a_cache_header(client):
    response = client.get("/checkout.js")

    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert b"window.PaymentGateway = PaymentGateway" in response.data


def test_the_demo_page_loads_the_sdk_from_the_public_checkout_url(client):
    response = client.get("/demo")

    assert response.status_code == 200
    assert '<script src="http://pay.shop.test:3001/checkout.js"></script>' in response.text
    assert "secret_test_xyz789" not in response.text


def test_the_demo_creates_orders_server_side_with_the_demo_merchant_credentials(client, gateway):
    response = client.post("/demo/orders", json={"amount": 125000})

    assert response.status_code == 201
    assert response.json["amount"] == 125000
    assert response.json["order_id"] in gateway.orders
    assert gateway.created == [("key_test_abc123", "secret_test_xyz789", 125000)]


@pytest.mark.parametrize("amount", [99, "500", 5.5, True, None])
def test_the_demo_refuses_an_amount_that_is_not_whole_paise(client, gateway, amount):
    response = client.post("/demo/orders", json={"amount": amount})

    assert response.status_code == 400
    assert "amount must be whole paise" in response.json["error"]
    assert gateway.created == []


def test_the_demo_says_so_when_the_api_is_down(client, gateway):
    gateway.down = True

    response = client.post("/demo/orders", json={})

    assert response.status_code == 502
    assert "is it running" in response.json["error"]

"""The pages: about, hosted checkout, the SDK script and the merchant demo."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, render_template, request, send_file

from checkout.config import Settings
from checkout.gateway_client import Gateway, GatewayUnavailable, OrderNotFound
from checkout.page_security import content_security_policy, exact_origin
from paygate_shared.ids import is_valid_id

SDK_FILE = Path(__file__).parent / "static" / "sdk" / "checkout.js"
#: short enough that a fix reaches every merchant's page within minutes
SDK_CACHE_CONTROL = "public, max-age=300"
DEMO_AMOUNT = 50000
DEMO_MAX_AMOUNT = 1_000_000_000  # ₹1,00,00,000.00

log = logging.getLogger(__name__)
blp = Blueprint("pages", __name__)


@dataclass(frozen=True)
class Wiring:
    settings: Settings
    gateway: Gateway


def wiring() -> Wiring:
    return current_app.extensions["checkout"]


@blp.get("/")
def about():
    return _page(render_template("about.html", public_url=wiring().settings.public_url))


@blp.get("/checkout")
def checkout():
    settings = wiring().settings
    order_id = request.args.get("order_id", "").strip()
    if not order_id:
        return _problem(400, "No order to pay", "This checkout link has no order in it.")
    if not is_valid_id("order_", order_id):
        return _unknown_order()
    try:
        order = wiring().gateway.public_order(order_id)
    except OrderNotFound:
        return _unknown_order()
    except GatewayUnavailable as exc:
        log.warning("order summary unavailable: %s", exc)
        return _problem(503, "Checkout is unavailable", "We could not load this order. Please try again shortly.")

    embedded = request.args.get("embedded") == "true"
    parent_origin = exact_origin(request.args.get("origin")) if embedded else None
    html = render_template(
        "checkout.html",
        order=order,
        api_url=settings.api_url,
        embedded=embedded,
        parent_origin=parent_origin or "",
    )
    return _page(html, connect=[settings.api_origin], framed_by=parent_origin)


@blp.get("/checkout.js")
def sdk():
    response = send_file(SDK_FILE, mimetype="text/javascript", max_age=None, conditional=True)
    response.headers["Cache-Control"] = SDK_CACHE_CONTROL
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blp.get("/demo")
def demo():
    settings = wiring().settings
    html = render_template("demo.html", public_url=settings.public_url, demo_key=settings.demo_key, amount=DEMO_AMOUNT)
    return _page(html, scripts=[settings.public_url], frames=[settings.public_url])


@blp.post("/demo/orders")
def create_demo_order():
    """What a merchant's server does before opening the SDK: create the order with its secret, never in a browser."""
    settings = wiring().settings
    amount = (request.get_json(silent=True) or {}).get("amount", DEMO_AMOUNT)
    if not isinstance(amount, int) or isinstance(amount, bool) or not 100 <= amount <= DEMO_MAX_AMOUNT:
        return jsonify(error=f"amount must be whole paise between 100 and {DEMO_MAX_AMOUNT}, got {amount!r}"), 400
    try:
        order = wiring().gateway.create_order(
            settings.demo_key, settings.demo_secret, amount, receipt=f"demo_{secrets.token_hex(4)}"
        )
    except GatewayUnavailable as exc:
        log.warning("demo order not created: %s", exc)
        return jsonify(error="The Paygate API did not create the order; is it running?"), 502
    return jsonify(order_id=order.id, amount=order.amount), 201


def _page(html: str, **policy) -> Response:
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = content_security_policy(**policy)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _unknown_order() -> tuple[Response, int]:
    return _problem(404, "Order not found", "This checkout link does not point to an order we know.")


def _problem(status: int, title: str, detail: str) -> tuple[Response, int]:
    return _page(render_template("problem.html", title=title, detail=detail)), status

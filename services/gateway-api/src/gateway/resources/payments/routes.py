"""Payments: validated at the edge, then created, read and captured by the payments service."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from gateway.auth import current_merchant, merchant_required
from gateway.bootstrap import gateway
from gateway.domain.orders import ORDER_PREFIX
from gateway.domain.payment_methods import MethodRejected, check_card, check_vpa
from gateway.errors import ApiError, bad_request, not_found
from gateway.idempotency import command_id, idempotency_key, idempotent
from gateway.resources.common import MERCHANT_SECURITY, ErrorSchema, require_id
from gateway.resources.payments.schemas import (
    CaptureSchema,
    CreatePaymentSchema,
    PaymentPageSchema,
    PaymentQuerySchema,
    PaymentSchema,
    PublicPaymentSchema,
)
from paygate_shared.ids import is_valid_id
from paygate_shared.timefmt import utcnow

blp = Blueprint("payments", __name__, url_prefix="/api/v1/payments", description="Card and UPI payments")

PAYMENT_PREFIX = "pay_"
METHODS = ("upi", "card")


def create_payment(body: dict[str, Any], merchant_id: str | None) -> dict[str, Any]:
    """Check the request, resolve the order, and ask the payments service to create the payment.

    `merchant_id` None means the public checkout: the merchant is the order's.
    """
    if body["method"] not in METHODS:
        raise bad_request("method must be upi or card")
    order_id = body["order_id"]
    order = gateway().orders.get(order_id, merchant_id) if is_valid_id(ORDER_PREFIX, order_id) else None
    if order is None:
        raise not_found("Order not found")
    command: dict[str, Any] = {
        "merchant_id": order.merchant_id,
        "order_id": order.id,
        "amount": order.amount,
        "currency": order.currency,
        "method": body["method"],
        "command_id": command_id("create_payment", order.merchant_id, idempotency_key()),
    }
    try:
        if body["method"] == "upi":
            command["vpa"] = check_vpa(body.get("vpa"))
        else:
            card = check_card(body.get("card"), utcnow())
            command.update(card_network=card.network, card_last4=card.last4)
    except MethodRejected as rejected:
        raise ApiError(400, rejected.code, rejected.description) from rejected
    return gateway().rpc.call("payments", "create_payment", command)


def _payment_id(payment_id: str) -> str:
    return require_id(PAYMENT_PREFIX, payment_id, "Payment")


@blp.route("")
class Payments(MethodView):
    decorators = [merchant_required]

    @idempotent
    @blp.arguments(CreatePaymentSchema())
    @blp.response(201, PaymentSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Invalid payment method or request")
    @blp.alt_response(404, schema=ErrorSchema, description="No such order for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def post(self, body):
        """Create a UPI or card payment for an order; it is processed in the background"""
        return create_payment(body, current_merchant().id)

    @blp.arguments(PaymentQuerySchema(), location="query")
    @blp.response(200, PaymentPageSchema)
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, query):
        """List the merchant's payments, newest first (filters: status, method, order_id)"""
        return gateway().rpc.call("payments", "list_payments", {"merchant_id": current_merchant().id, **query})


@blp.route("/public")
class PublicPayments(MethodView):
    @idempotent
    @blp.arguments(CreatePaymentSchema())
    @blp.response(201, PaymentSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Invalid payment method or request")
    @blp.alt_response(404, schema=ErrorSchema, description="No such order")
    def post(self, body):
        """Create a payment from the checkout page (no auth; the merchant is the order's)"""
        return create_payment(body, None)


@blp.route("/<string:payment_id>")
class PaymentById(MethodView):
    decorators = [merchant_required]

    @blp.response(200, PaymentSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such payment for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, payment_id: str):
        """Get one of the merchant's payments"""
        payload = {"merchant_id": current_merchant().id, "payment_id": _payment_id(payment_id)}
        return gateway().rpc.call("payments", "get_payment", payload)


def _public_payment(payment_id: str) -> dict[str, Any]:
    return gateway().rpc.call("payments", "get_public_payment", {"payment_id": _payment_id(payment_id)})


@blp.route("/<string:payment_id>/public")
class PublicPaymentById(MethodView):
    @blp.response(200, PublicPaymentSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such payment")
    def get(self, payment_id: str):
        """Get a payment's status for the checkout page (no auth)"""
        return _public_payment(payment_id)


@blp.route("/public/<string:payment_id>")
class PublicPaymentAlias(MethodView):
    @blp.response(200, PublicPaymentSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such payment")
    def get(self, payment_id: str):
        """Get a payment's status for the checkout page (alias, no auth)"""
        return _public_payment(payment_id)


@blp.route("/<string:payment_id>/capture")
class CapturePayment(MethodView):
    decorators = [merchant_required]

    @blp.arguments(CaptureSchema())
    @blp.response(200, PaymentSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Not capturable, already captured, or wrong amount")
    @blp.alt_response(404, schema=ErrorSchema, description="No such payment for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def post(self, body, payment_id: str):
        """Capture a successful payment"""
        payload = {
            "merchant_id": current_merchant().id,
            "payment_id": _payment_id(payment_id),
            "amount": body.get("amount"),
        }
        return gateway().rpc.call("payments", "capture_payment", payload)

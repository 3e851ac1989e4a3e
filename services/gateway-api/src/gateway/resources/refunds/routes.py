"""Refunds: created against a payment, read and listed, all by the refunds service."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from gateway.auth import current_merchant, merchant_required
from gateway.bootstrap import gateway
from gateway.idempotency import command_id, idempotency_key, idempotent
from gateway.resources.common import MERCHANT_SECURITY, ErrorSchema, PageQuerySchema, require_id
from gateway.resources.payments.routes import PAYMENT_PREFIX
from gateway.resources.refunds.schemas import CreateRefundSchema, RefundPageSchema, RefundQuerySchema, RefundSchema

blp = Blueprint("refunds", __name__, url_prefix="/api/v1", description="Full and partial refunds of payments")

REFUND_PREFIX = "rfnd_"


def list_refunds(query: dict[str, Any]) -> dict[str, Any]:
    return gateway().rpc.call("refunds", "list_refunds", {"merchant_id": current_merchant().id, **query})


@blp.route("/payments/<string:payment_id>/refunds")
class PaymentRefunds(MethodView):
    decorators = [merchant_required]

    @idempotent
    @blp.arguments(CreateRefundSchema())
    @blp.response(201, RefundSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Payment not refundable, or amount above what remains")
    @blp.alt_response(404, schema=ErrorSchema, description="No such payment for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def post(self, body, payment_id: str):
        """Refund a successful payment in full or in part; the refund is processed in the background"""
        merchant_id = current_merchant().id
        command = {
            "merchant_id": merchant_id,
            "payment_id": require_id(PAYMENT_PREFIX, payment_id, "Payment"),
            "amount": body["amount"],
            "reason": body["reason"],
            "command_id": command_id("create_refund", merchant_id, idempotency_key()),
        }
        return gateway().rpc.call("refunds", "create_refund", command)

    @blp.arguments(PageQuerySchema(), location="query")
    @blp.response(200, RefundPageSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such payment for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, query, payment_id: str):
        """List a payment's refunds, newest first"""
        payment_id = require_id(PAYMENT_PREFIX, payment_id, "Payment")
        # another merchant's payment is not found, exactly like one that does not exist
        gateway().rpc.call("payments", "get_payment", {"merchant_id": current_merchant().id, "payment_id": payment_id})
        return list_refunds({**query, "payment_id": payment_id})


@blp.route("/refunds")
@blp.route("/payments/refunds", endpoint="RefundsAlias")
class Refunds(MethodView):
    decorators = [merchant_required]

    @blp.arguments(RefundQuerySchema(), location="query")
    @blp.response(200, RefundPageSchema)
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, query):
        """List the merchant's refunds, newest first (filter: payment_id)"""
        return list_refunds(query)


@blp.route("/refunds/<string:refund_id>")
class RefundById(MethodView):
    decorators = [merchant_required]

    @blp.response(200, RefundSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such refund for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, refund_id: str):
        """Get one of the merchant's refunds"""
        payload = {"merchant_id": current_merchant().id, "refund_id": require_id(REFUND_PREFIX, refund_id, "Refund")}
        return gateway().rpc.call("refunds", "get_refund", payload)

"""Orders: created by a merchant, read by the merchant and (in part) by the checkout page."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from gateway.auth import current_merchant, merchant_required
from gateway.bootstrap import gateway
from gateway.domain.orders import ORDER_PREFIX, create_order
from gateway.errors import not_found
from gateway.idempotency import idempotency_key, idempotent
from gateway.resources.common import MERCHANT_SECURITY, ErrorSchema, require_id
from gateway.resources.orders.schemas import (
    CreateOrderSchema,
    OrderPageSchema,
    OrderQuerySchema,
    OrderSchema,
    PublicOrderSchema,
)

blp = Blueprint("orders", __name__, url_prefix="/api/v1/orders", description="Orders a shopper pays")


def _find_order(order_id: str, merchant_id: str | None = None):
    require_id(ORDER_PREFIX, order_id, "Order")
    order = gateway().orders.get(order_id, merchant_id)
    if order is None:
        raise not_found("Order not found")
    return order


@blp.route("")
class Orders(MethodView):
    decorators = [merchant_required]

    @idempotent
    @blp.arguments(CreateOrderSchema())
    @blp.response(201, OrderSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Invalid order")
    @blp.doc(security=MERCHANT_SECURITY)
    def post(self, body):
        """Create an order"""
        merchant = current_merchant()
        order = create_order(merchant.id, body["amount"], body["currency"], body["receipt"], body["notes"])
        return gateway().orders.add(order, idempotency_key()).to_api()

    @blp.arguments(OrderQuerySchema(), location="query")
    @blp.response(200, OrderPageSchema)
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, query):
        """List the merchant's orders, newest first"""
        page = gateway().orders.list(current_merchant().id, query["limit"], query["offset"])
        return page.to_api(lambda order: order.to_api())


@blp.route("/<string:order_id>")
class OrderById(MethodView):
    decorators = [merchant_required]

    @blp.response(200, OrderSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such order for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, order_id: str):
        """Get one of the merchant's orders"""
        return _find_order(order_id, current_merchant().id).to_api()


@blp.route("/<string:order_id>/public")
class PublicOrder(MethodView):
    @blp.response(200, PublicOrderSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such order")
    def get(self, order_id: str):
        """Get an order's amount and status for the checkout page (no auth)"""
        return _find_order(order_id).to_public()

"""Payment request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from gateway.resources.common import PageQuerySchema, PageSchema, Paise


class CreatePaymentSchema(Schema):
    order_id = fields.String(required=True, error_messages={"required": "order_id is required"})
    method = fields.String(required=True, error_messages={"required": "method is required"})
    vpa = fields.Raw(metadata={"description": "UPI id, for method upi"})
    card = fields.Raw(
        metadata={"description": "for method card: {number, expiry_month, expiry_year, cvv, holder_name}"}
    )


class PaymentSchema(Schema):
    id = fields.String(required=True)
    order_id = fields.String(required=True)
    amount = fields.Integer(required=True)
    currency = fields.String(required=True)
    method = fields.String(required=True)
    vpa = fields.String()
    card_network = fields.String()
    card_last4 = fields.String()
    status = fields.String(required=True)
    captured = fields.Boolean(required=True)
    amount_refunded = fields.Integer()
    error_code = fields.String(allow_none=True)
    error_description = fields.String(allow_none=True)
    created_at = fields.String(required=True)
    updated_at = fields.String()


class PublicPaymentSchema(Schema):
    id = fields.String(required=True)
    order_id = fields.String(required=True)
    amount = fields.Integer(required=True)
    currency = fields.String(required=True)
    method = fields.String(required=True)
    status = fields.String(required=True)
    error_code = fields.String(allow_none=True)
    error_description = fields.String(allow_none=True)


class PaymentPageSchema(PageSchema):
    data = fields.List(fields.Nested(PaymentSchema), required=True)


class PaymentQuerySchema(PageQuerySchema):
    status = fields.String(
        validate=validate.OneOf(["pending", "success", "failed"], error="status must be pending, success or failed")
    )
    method = fields.String(validate=validate.OneOf(["upi", "card"], error="method must be upi or card"))
    order_id = fields.String()


class CaptureSchema(Schema):
    amount = Paise()

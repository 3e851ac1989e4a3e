"""Refund request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from gateway.resources.common import PageQuerySchema, PageSchema, Paise

MAX_REASON = 255


class CreateRefundSchema(Schema):
    amount = Paise(
        required=True,
        validate=validate.Range(min=1, error="amount must be greater than 0"),
        error_messages={"required": "amount is required"},
        metadata={"description": "paise to refund, at most what remains unrefunded on the payment"},
    )
    reason = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=MAX_REASON, error=f"reason must be at most {MAX_REASON} characters"),
    )


class RefundSchema(Schema):
    id = fields.String(required=True)
    payment_id = fields.String(required=True)
    amount = fields.Integer(required=True)
    reason = fields.String(allow_none=True)
    status = fields.String(required=True, metadata={"description": "pending or processed"})
    created_at = fields.String(required=True)
    processed_at = fields.String(allow_none=True, metadata={"description": "null while pending"})


class RefundPageSchema(PageSchema):
    data = fields.List(fields.Nested(RefundSchema), required=True)


class RefundQuerySchema(PageQuerySchema):
    payment_id = fields.String()

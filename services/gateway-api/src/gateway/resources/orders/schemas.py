"""Order request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates

from gateway.domain.orders import MINIMUM_AMOUNT
from gateway.resources.common import PageQuerySchema, PageSchema, Paise

MAX_NOTES = 15


class CreateOrderSchema(Schema):
    amount = Paise(
        required=True,
        validate=validate.Range(min=MINIMUM_AMOUNT, error=f"amount must be at least {MINIMUM_AMOUNT}"),
        error_messages={"required": "amount is required"},
    )
    currency = fields.String(
        load_default="INR",
        validate=validate.Regexp(r"^[A-Z]{3}$", error="currency must be a 3-letter ISO code such as INR"),
    )
    receipt = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=40, error="receipt must be at most 40 characters"),
    )
    notes = fields.Dict(keys=fields.String(), load_default=dict, allow_none=True)

    @validates("notes")
    def _notes(self, value, **_kwargs) -> None:
        if value is not None and len(value) > MAX_NOTES:
            raise ValidationError(f"notes may hold at most {MAX_NOTES} keys")


class OrderSchema(Schema):
    id = fields.String(required=True)
    merchant_id = fields.String(required=True)
    amount = fields.Integer(required=True)
    currency = fields.String(required=True)
    receipt = fields.String(allow_none=True)
    notes = fields.Dict(required=True)
    status = fields.String(required=True)
    created_at = fields.String(required=True)
    updated_at = fields.String(required=True)


class PublicOrderSchema(Schema):
    id = fields.String(required=True)
    amount = fields.Integer(required=True)
    currency = fields.String(required=True)
    status = fields.String(required=True)


class OrderPageSchema(PageSchema):
    data = fields.List(fields.Nested(OrderSchema), required=True)


class OrderQuerySchema(PageQuerySchema):
    pass

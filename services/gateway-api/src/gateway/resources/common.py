"""Schemas and parsing shared by the resources: pagination, path ids, money."""

from __future__ import annotations

import uuid

from marshmallow import Schema, ValidationError, fields, validate

from gateway.errors import not_found
from paygate_shared.ids import is_valid_id

MERCHANT_SECURITY = [{"ApiKey": [], "ApiSecret": []}]


class Paise(fields.Integer):
    """An amount in paise: a JSON integer, never a float, string or boolean."""

    def __init__(self, **kwargs) -> None:
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{self.name or attr} must be an integer number of paise")
        return super()._deserialize(value, attr, data, **kwargs)


class PageQuerySchema(Schema):
    limit = fields.Integer(
        load_default=10,
        validate=validate.Range(min=1, max=100, error="limit must be between 1 and 100"),
        error_messages={"invalid": "limit must be an integer"},
    )
    offset = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, error="offset must be 0 or more"),
        error_messages={"invalid": "offset must be an integer"},
    )


class PageSchema(Schema):
    total = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)


class ErrorBodySchema(Schema):
    code = fields.String(required=True)
    description = fields.String(required=True)


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


def require_id(prefix: str, value: str, what: str) -> str:
    """A malformed id cannot name anything: answer 404, as for an unknown one."""
    if not is_valid_id(prefix, value):
        raise not_found(f"{what} not found")
    return value


def require_uuid(value: str, what: str) -> str:
    """Merchants and webhook log entries are named by UUIDs; anything else names nothing: 404."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise not_found(f"{what} not found") from None

"""Dashboard sign-in request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class SignInSchema(Schema):
    email = fields.Email(required=True, error_messages={"required": "email is required"})
    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(max=1024, error="password must be at most 1024 characters"),
        error_messages={"required": "password is required"},
    )


class DashboardSessionSchema(Schema):
    merchant_id = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    api_key = fields.String(required=True)
    api_secret = fields.String(required=True, metadata={"description": "shown to the signed-in merchant in full"})

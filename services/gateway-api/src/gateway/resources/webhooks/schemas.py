"""Webhook configuration and delivery log schemas."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from gateway.resources.common import PageQuerySchema, PageSchema

LOG_STATUSES = ("pending", "success", "failed")


class WebhookConfigSchema(Schema):
    webhook_url = fields.String(required=True, allow_none=True)
    webhook_secret = fields.String(required=True)


class UpdateWebhookConfigSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # clients may send back the whole config they read; only the URL changes

    webhook_url = fields.String(
        required=True,
        allow_none=True,
        validate=validate.Length(max=2048, error="webhook_url must be at most 2048 characters"),
        error_messages={"required": "webhook_url is required (a URL, or null to stop deliveries)"},
    )


class WebhookLogQuerySchema(PageQuerySchema):
    event = fields.String(metadata={"description": "only this event, e.g. payment.success"})
    status = fields.String(
        validate=validate.OneOf(LOG_STATUSES, error="status must be one of pending, success, failed")
    )
    payment_id = fields.String(metadata={"description": "only events about this payment (and its refunds)"})


class WebhookLogSchema(Schema):
    id = fields.String(required=True)
    event = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "pending, success or failed"})
    attempts = fields.Integer(required=True)
    created_at = fields.String(required=True)
    last_attempt_at = fields.String(required=True, allow_none=True)
    next_retry_at = fields.String(required=True, allow_none=True)
    response_code = fields.Integer(required=True, allow_none=True)
    response_body = fields.String(required=True, allow_none=True)
    payment_id = fields.String(allow_none=True)
    correlation_id = fields.String(
        allow_none=True, metadata={"description": "the X-Request-Id of the API request that caused the event"}
    )


class WebhookLogPageSchema(PageSchema):
    data = fields.List(fields.Nested(WebhookLogSchema), required=True)


class DeliveryAttemptSchema(Schema):
    attempt = fields.Integer(required=True)
    attempted_at = fields.String(required=True)
    url = fields.String(allow_none=True)
    response_code = fields.Integer(required=True, allow_none=True)
    duration_ms = fields.Integer(required=True)
    error = fields.String(required=True, allow_none=True)
    response_body = fields.String(required=True, allow_none=True)


class WebhookLogDetailSchema(WebhookLogSchema):
    payload = fields.Dict(required=True, metadata={"description": "the body exactly as delivered"})
    deliveries = fields.List(fields.Nested(DeliveryAttemptSchema), required=True)


class WebhookRetrySchema(Schema):
    id = fields.String(required=True)
    status = fields.String(required=True)
    message = fields.String(required=True)

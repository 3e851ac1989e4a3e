"""Webhooks: the merchant's endpoint configuration and delivery log, answered by the webhooks service."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from gateway.auth import current_merchant, merchant_required
from gateway.bootstrap import gateway
from gateway.idempotency import command_id, idempotency_key, idempotent
from gateway.resources.common import MERCHANT_SECURITY, ErrorSchema, require_uuid
from gateway.resources.webhooks.schemas import (
    UpdateWebhookConfigSchema,
    WebhookConfigSchema,
    WebhookLogDetailSchema,
    WebhookLogPageSchema,
    WebhookLogQuerySchema,
    WebhookLogSchema,
    WebhookRetrySchema,
)
from paygate_shared.contracts import webhooks as commands

blp = Blueprint("webhooks", __name__, url_prefix="/api/v1", description="Webhook configuration and delivery log")


def _ask(command) -> Any:
    return gateway().rpc.call(commands.SERVICE, command.TYPE, asdict(command))


def _log_id(log_id: str) -> str:
    return require_uuid(log_id, "Webhook log")


@blp.route("/webhooks")
@blp.route("/payments/webhooks", endpoint="PaymentWebhookLogs")
class WebhookLogs(MethodView):
    decorators = [merchant_required]

    @blp.arguments(WebhookLogQuerySchema(), location="query")
    @blp.response(200, WebhookLogPageSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Invalid filter or page")
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, query):
        """List the merchant's webhook deliveries, newest first"""
        return _ask(commands.ListWebhookLogs(merchant_id=current_merchant().id, **query))


@blp.route("/webhooks/config")
class WebhookConfig(MethodView):
    decorators = [merchant_required]

    @blp.response(200, WebhookConfigSchema)
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self):
        """Get the webhook URL and signing secret"""
        return _ask(commands.GetWebhookConfig(merchant_id=current_merchant().id))

    @blp.arguments(UpdateWebhookConfigSchema())
    @blp.response(200, WebhookConfigSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="The URL is invalid or refused")
    @blp.doc(security=MERCHANT_SECURITY)
    def put(self, body):
        """Set the webhook URL (null stops deliveries)"""
        return _ask(commands.UpdateWebhookConfig(merchant_id=current_merchant().id, webhook_url=body["webhook_url"]))


@blp.route("/webhooks/config/regenerate-secret")
class WebhookSecret(MethodView):
    decorators = [merchant_required]

    @blp.response(200, WebhookConfigSchema)
    @blp.doc(security=MERCHANT_SECURITY)
    def post(self):
        """Replace the webhook signing secret with a new one"""
        return _ask(commands.RegenerateWebhookSecret(merchant_id=current_merchant().id))


@blp.route("/webhooks/test")
class TestWebhook(MethodView):
    decorators = [merchant_required]

    @idempotent
    @blp.response(202, WebhookLogSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="No webhook URL is configured")
    @blp.doc(security=MERCHANT_SECURITY)
    def post(self):
        """Send a webhook.test event to the webhook URL now"""
        merchant_id = current_merchant().id
        return _ask(
            commands.SendTestWebhook(
                merchant_id=merchant_id, command_id=command_id("webhook_test", merchant_id, idempotency_key())
            )
        )


@blp.route("/webhooks/<string:log_id>")
class WebhookLogById(MethodView):
    decorators = [merchant_required]

    @blp.response(200, WebhookLogDetailSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such log entry for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def get(self, log_id: str):
        """Get one delivery log entry with its payload and every attempt"""
        return _ask(commands.GetWebhookLog(merchant_id=current_merchant().id, id=_log_id(log_id)))


@blp.route("/webhooks/<string:log_id>/retry")
class WebhookRetry(MethodView):
    decorators = [merchant_required]

    @blp.response(200, WebhookRetrySchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such log entry for this merchant")
    @blp.doc(security=MERCHANT_SECURITY)
    def post(self, log_id: str):
        """Deliver a log entry again now, its attempts reset"""
        return _ask(commands.RetryWebhook(merchant_id=current_merchant().id, id=_log_id(log_id)))

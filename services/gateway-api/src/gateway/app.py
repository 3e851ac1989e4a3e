"""The Flask application factory: settings, OpenAPI, CORS, errors, blueprints."""

from __future__ import annotations

from flask import Flask, send_from_directory
from flask_cors import CORS
from flask_smorest import Api
from swagger_ui_bundle import swagger_ui_path

from gateway import bootstrap, observability
from gateway.config import Settings
from gateway.errors import http_error, register_error_handlers
from gateway.resources.common import ErrorSchema
from gateway.resources.dashboard.routes import blp as dashboard_blp
from gateway.resources.orders.routes import blp as orders_blp
from gateway.resources.payments.routes import blp as payments_blp
from gateway.resources.refunds.routes import blp as refunds_blp
from gateway.resources.system.routes import blp as system_blp
from gateway.resources.webhooks.routes import blp as webhooks_blp

SWAGGER_ASSETS = "/docs/assets/"


class GatewayApi(Api):
    """flask-smorest's Api, answering (and documenting) every HTTP error in the contract's error shape."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error):
        return http_error(error)


def create_app(settings: Settings | None = None, wired: bootstrap.Gateway | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        JSON_SORT_KEYS=False,
        API_TITLE="Paygate API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL=SWAGGER_ASSETS,
    )
    app.json.sort_keys = False
    app.extensions["gateway"] = wired or bootstrap.build(settings)

    origins = "*" if settings.test_mode else list(settings.cors_origins)
    CORS(
        app,
        origins=origins,
        allow_headers=["Content-Type", "X-Api-Key", "X-Api-Secret", "Idempotency-Key", "X-Request-Id"],
    )

    api = GatewayApi(
        app,
        spec_kwargs={
            "info": {"description": "Orders, card and UPI payments, refunds and signed webhooks."},
            "components": {
                "securitySchemes": {
                    "ApiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
                    "ApiSecret": {"type": "apiKey", "in": "header", "name": "X-Api-Secret"},
                }
            },
        },
    )
    register_error_handlers(app)
    observability.install(app)
    for blueprint in (system_blp, orders_blp, payments_blp, refunds_blp, webhooks_blp, dashboard_blp):
        api.register_blueprint(blueprint)

    @app.get(f"{SWAGGER_ASSETS}<path:filename>")
    def swagger_assets(filename: str):
        return send_from_directory(swagger_ui_path, filename, max_age=86400)

    return app

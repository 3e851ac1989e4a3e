"""The Flask application factory: settings, the API client and the pages."""

from __future__ import annotations

from flask import Flask

from checkout.config import Settings
from checkout.gateway_client import Gateway, GatewayClient
from checkout.pages import Wiring, blp
from paygate_shared.money import format_rupees


def create_app(settings: Settings | None = None, gateway: Gateway | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.extensions["checkout"] = Wiring(settings=settings, gateway=gateway or GatewayClient(settings.server_api_url))
    app.add_template_filter(format_rupees, "rupees")
    app.register_blueprint(blp)
    return app

"""The one place the dashboard's collaborators are built, and where views find them."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from dashboard.api_client import GatewayClient
from dashboard.config import Settings
from paygate_shared.secretbox import SecretBox


@dataclass(frozen=True)
class Dashboard:
    settings: Settings
    gateway: GatewayClient  # anonymous; views call it as the signed-in merchant through auth.merchant_api()
    box: SecretBox  # seals the API secret the session cookie carries


def build(settings: Settings, gateway: GatewayClient | None = None) -> Dashboard:
    return Dashboard(
        settings=settings,
        gateway=gateway or GatewayClient(settings.api_url, settings.api_timeout_s),
        box=SecretBox(settings.secret_key),
    )


def dashboard() -> Dashboard:
    """The wired dashboard of the running app."""
    return current_app.extensions["dashboard"]

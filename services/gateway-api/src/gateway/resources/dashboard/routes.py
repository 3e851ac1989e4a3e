"""Dashboard sign-in: email and password in, the merchant's API credentials out.

The dashboard never reads the gateway's tables; it exchanges what the operator typed for
the credentials it then calls the API with, server-side.
"""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from gateway.bootstrap import gateway
from gateway.domain.merchants import TEST_MERCHANT_EMAIL, TEST_MERCHANT_ID, Merchant
from gateway.errors import ApiError
from gateway.resources.common import ErrorSchema
from gateway.resources.dashboard.schemas import DashboardSessionSchema, SignInSchema

blp = Blueprint("dashboard", __name__, url_prefix="/api/v1/dashboard", description="Merchant dashboard sign-in")

INVALID_SIGN_IN = "Invalid email or password"
TOO_MANY_FAILURES = "Too many failed sign-in attempts; try again in 15 minutes"
NO_STORE = {"Cache-Control": "no-store"}


def _check_password(email: str, password: str) -> Merchant | None:
    wired = gateway()
    if wired.settings.test_mode and email.lower() == TEST_MERCHANT_EMAIL:
        # the contract lets anyone sign in as the (public) test merchant in test mode
        return wired.merchants.get(TEST_MERCHANT_ID)
    return wired.merchants.check_password(email, password)


@blp.route("/session")
class DashboardSession(MethodView):
    @blp.arguments(SignInSchema())
    @blp.response(200, DashboardSessionSchema)
    @blp.alt_response(401, schema=ErrorSchema, description="Wrong email or password")
    @blp.alt_response(429, schema=ErrorSchema, description="Too many failed attempts for this email")
    def post(self, body):
        """Sign a merchant in to the dashboard with email and password"""
        wired = gateway()
        email, address = body["email"].lower(), request.remote_addr or "unknown"
        if wired.login_throttle.is_locked(email, address):
            raise ApiError(429, "RATE_LIMITED", TOO_MANY_FAILURES)
        merchant = _check_password(email, body["password"])
        if merchant is None or not merchant.is_active:
            wired.login_throttle.record_failure(email, address)
            raise ApiError(401, "AUTHENTICATION_ERROR", INVALID_SIGN_IN)
        wired.login_throttle.clear(email, address)
        signed_in = {
            "merchant_id": merchant.id,
            "name": merchant.name,
            "email": merchant.email,
            "api_key": merchant.api_key,
            "api_secret": wired.merchants.api_secret(merchant.id),
        }
        return signed_in, 200, NO_STORE

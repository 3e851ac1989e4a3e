"""Merchant authentication by X-Api-Key and X-Api-Secret."""

from __future__ import annotations

from functools import wraps

from flask import g, request

from gateway.bootstrap import gateway
from gateway.domain.merchants import Merchant
from gateway.errors import ApiError

INVALID_CREDENTIALS = "Invalid API credentials"


def merchant_required(view):
    """Decorate a view so it runs only for an authenticated, active merchant (in `g.merchant`)."""

    @wraps(view)
    def authenticated(*args, **kwargs):
        api_key = request.headers.get("X-Api-Key", "")
        api_secret = request.headers.get("X-Api-Secret", "")
        merchant = gateway().merchants.authenticate(api_key, api_secret) if api_key and api_secret else None
        if merchant is None:
            raise ApiError(401, "AUTHENTICATION_ERROR", INVALID_CREDENTIALS)
        g.merchant = merchant
        return view(*args, **kwargs)

    return authenticated


def current_merchant() -> Merchant:
    return g.merchant

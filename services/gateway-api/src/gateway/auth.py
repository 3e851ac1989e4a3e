"""Merchant authentication by X-Api-Key and X-Api-Secret, with failed attempts limited per client."""

from __future__ import annotations

import logging
from functools import wraps

from flask import g, request
from redis.exceptions import RedisError

from gateway.bootstrap import gateway
from gateway.domain.merchants import Merchant
from gateway.errors import ApiError

log = logging.getLogger(__name__)

INVALID_CREDENTIALS = "Invalid API credentials"
TOO_MANY_FAILURES = "Too many failed authentication attempts; try again later"


def merchant_required(view):
    """Decorate a view so it runs only for an authenticated, active merchant (in `g.merchant`).

    A client that failed authentication too often in the window is refused with 429 before
    its credentials are looked at, so guessing stops paying off; a client that authenticates
    never counts against the limit.
    """

    @wraps(view)
    def authenticated(*args, **kwargs):
        client = request.remote_addr or "unknown"
        _refuse_if_throttled(client)
        api_key = request.headers.get("X-Api-Key", "")
        api_secret = request.headers.get("X-Api-Secret", "")
        merchant = gateway().merchants.authenticate(api_key, api_secret) if api_key and api_secret else None
        if merchant is None:
            _count_failure(client)
            raise ApiError(401, "AUTHENTICATION_ERROR", INVALID_CREDENTIALS)
        g.merchant = merchant
        return view(*args, **kwargs)

    return authenticated


def _refuse_if_throttled(client: str) -> None:
    try:
        retry_after = gateway().auth_throttle.retry_after(client)
    except RedisError as exc:  # the limit is a defence, not a dependency: without Redis, let clients in
        log.warning("authentication throttle unavailable (%s); not limiting", exc)
        return
    if retry_after is not None:
        raise ApiError(429, "RATE_LIMITED", TOO_MANY_FAILURES, headers={"Retry-After": str(retry_after)})


def _count_failure(client: str) -> None:
    try:
        gateway().auth_throttle.record_failure(client)
    except RedisError as exc:
        log.warning("could not count a failed authentication (%s)", exc)


def current_merchant() -> Merchant:
    return g.merchant

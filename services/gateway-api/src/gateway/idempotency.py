"""The Idempotency-Key contract for POSTs that create something."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from functools import wraps

from flask import Response, current_app, g, request
from redis.exceptions import RedisError

from gateway.adapters.idempotency import IdempotencyStore, request_fingerprint
from gateway.bootstrap import gateway
from gateway.errors import ApiError

log = logging.getLogger(__name__)

MAX_KEY_LENGTH = 255


def idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ApiError(400, "BAD_REQUEST_ERROR", f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters")
    return key


def command_id(scope: str, merchant_id: str, key: str | None) -> str | None:
    """The id a service records to run a command once: derived from merchant and key when there is one."""
    if key is None:
        return None
    return hashlib.sha256(f"{scope}:{merchant_id}:{key}".encode()).hexdigest()


def idempotent(view):
    """Replay the first response for a repeated Idempotency-Key; 409 while it runs, 422 for another body.

    Applied outermost, above authentication, so it sees the final response.
    """

    @wraps(view)
    def guarded(*args, **kwargs):
        key = idempotency_key()
        if key is None:
            return view(*args, **kwargs)
        merchant_id = g.merchant.id if "merchant" in g else _public_scope()
        fingerprint = request_fingerprint(request.method, request.path, request.get_data())
        store = gateway().idempotency
        try:
            claim = store.claim(merchant_id, key, fingerprint)
        except RedisError as exc:
            log.warning("idempotency fast path unavailable (%s); relying on the command record", exc)
            return view(*args, **kwargs)
        if claim.outcome == "replay":
            return Response(claim.body, status=claim.status, mimetype="application/json")
        if claim.outcome == "in_flight":
            raise ApiError(409, "IDEMPOTENCY_CONFLICT", "A request with this Idempotency-Key is still in progress")
        if claim.outcome == "mismatch":
            raise ApiError(422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body")
        try:
            response = view(*args, **kwargs)
        except Exception:
            _forget(store, merchant_id, key)
            raise
        response = _as_response(response)
        if response.status_code < 500:
            try:
                store.complete(merchant_id, key, fingerprint, response.status_code, response.get_data())
            except RedisError as exc:
                log.warning("could not store the idempotent response: %s", exc)
        else:
            _forget(store, merchant_id, key)
        return response

    return guarded


def _public_scope() -> str:
    """Keys sent to public (unauthenticated) endpoints share one scope."""
    return "public"


def _as_response(result) -> Response:
    return result if isinstance(result, Response) else current_app.make_response(result)


def _forget(store: IdempotencyStore, merchant_id: str, key: str) -> None:
    """Let the client retry with the same key after a failure we did not record."""
    with contextlib.suppress(RedisError):
        store.release(merchant_id, key)

"""Webhook signatures: Paygate's X-Webhook-Signature and the Standard Webhooks headers.

- `X-Webhook-Signature`: lowercase hex HMAC-SHA256 of the body, keyed with the secret string.
- `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`,
  keyed with the base64-decoded part of the secret after `whsec_` (Standard Webhooks).
  A secret whose rest is not valid base64 (the test merchant's `whsec_test_abc123`) is keyed
  with those characters' UTF-8 bytes instead; secrets Paygate generates are always base64.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

SECRET_PREFIX = "whsec_"


def paygate_signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def standard_key(secret: str) -> bytes:
    """The HMAC key of the Standard Webhooks signature for a `whsec_` secret."""
    rest = secret.removeprefix(SECRET_PREFIX)
    try:
        return base64.b64decode(rest, validate=True)
    except (binascii.Error, ValueError):
        return rest.encode()


def standard_signature(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(standard_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, webhook_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """Every header of one delivery attempt; `timestamp` is the attempt's own time."""
    return {
        "Content-Type": "application/json",
        "X-Webhook-Signature": paygate_signature(secret, body),
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": standard_signature(secret, webhook_id, timestamp, body),
    }


def verify_paygate_signature(secret: str, body: bytes, header: str) -> bool:
    return hmac.compare_digest(paygate_signature(secret, body), header.strip().lower())


def verify_standard_signature(secret: str, webhook_id: str, timestamp: str, body: bytes, header: str) -> bool:
    """True when any `v1,` signature of the (space-separated) header matches."""
    try:
        expected = standard_signature(secret, webhook_id, int(timestamp), body)
    except ValueError:
        return False
    return any(hmac.compare_digest(expected, candidate) for candidate in header.split())

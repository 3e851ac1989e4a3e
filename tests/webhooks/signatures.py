"""Signature checks written out independently of the service, as a merchant would write them."""

from __future__ import annotations

import base64
import hashlib
import hmac

from tests.webhooks.receiver import Received


def assert_signed(received: Received, secret: str) -> None:
    """Both signatures verify with a `whsec_` + base64 secret, as Paygate generates them."""
    body, headers = received.body, received.headers
    assert headers["content-type"] == "application/json"
    assert headers["x-webhook-signature"] == hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    assert headers["webhook-signature"] == expected

"""A merchant's webhook endpoint: where events go and the secret they are signed with."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from webhooks.domain.signing import SECRET_PREFIX

TEST_MERCHANT_ID = "550e8400-e29b-41d4-a716-446655440000"
TEST_MERCHANT_SECRET = "whsec_test_abc123"


def new_secret() -> str:
    """`whsec_` + 32 random bytes in base64, so it is also a valid Standard Webhooks secret."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


@dataclass(frozen=True)
class Endpoint:
    merchant_id: str
    url: str | None
    secret: str

    def to_api(self) -> dict[str, str | None]:
        return {"webhook_url": self.url, "webhook_secret": self.secret}

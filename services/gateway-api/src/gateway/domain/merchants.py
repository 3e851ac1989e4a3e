"""Merchants: who may call the API, and the fixed test merchant of the contract."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

TEST_MERCHANT_ID = "550e8400-e29b-41d4-a716-446655440000"
TEST_MERCHANT_NAME = "Test Merchant"
TEST_MERCHANT_EMAIL = "test@example.com"
TEST_API_KEY = "key_test_abc123"
TEST_API_SECRET = "secret_test_xyz789"


@dataclass(frozen=True)
class Merchant:
    id: str
    name: str
    email: str
    api_key: str
    is_active: bool
    created_at: datetime | None = None

    @property
    def is_test_merchant(self) -> bool:
        return self.id == TEST_MERCHANT_ID


@dataclass(frozen=True)
class Credentials:
    api_key: str
    api_secret: str


def new_credentials() -> Credentials:
    """Unguessable live credentials: 128 bits for the key, 256 bits for the secret."""
    return Credentials(
        api_key="key_live_" + secrets.token_hex(16), api_secret="secret_live_" + secrets.token_urlsafe(32)
    )

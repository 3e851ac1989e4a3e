"""Bad-input tests run as a merchant of their own, so what they change (its secret, its orders) is theirs alone."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture(scope="session")
def fuzz_credentials(stack) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    created = stack.create_merchant(f"Bad input {suffix}", f"bad-input-{suffix}@example.com")
    return {"X-Api-Key": created["api_key"], "X-Api-Secret": created["api_secret"]}

"""Security tests: merchants of their own."""

from __future__ import annotations

import uuid

import pytest
import requests


@pytest.fixture
def new_merchant(stack):
    """Create a merchant with the operator command; returns (its record, an API session as it)."""

    def create() -> tuple[dict, requests.Session]:
        suffix = uuid.uuid4().hex[:8]
        created = stack.create_merchant(f"Security {suffix}", f"security-{suffix}@example.com")
        session = stack.session(headers={"X-Api-Key": created["api_key"], "X-Api-Secret": created["api_secret"]})
        return created, session

    return create

"""Merchant authentication reuses a recent lookup of the API key, and still checks every secret."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import update

from gateway.adapters.merchants_repository import MerchantsRepository
from gateway.adapters.tables import merchants
from gateway.domain.merchants import new_credentials
from paygate_shared.database import make_engine
from paygate_shared.secretbox import SecretBox


@pytest.fixture
def engine(stack):
    engine = make_engine(stack.isolation.database_url, pool_size=1)
    yield engine
    engine.dispose()


def create_merchant(engine):
    credentials = new_credentials()
    suffix = uuid.uuid4().hex[:8]
    MerchantsRepository(engine, SecretBox("k")).create(f"Shop {suffix}", f"shop-{suffix}@example.com", credentials)
    return credentials


def deactivate(engine, api_key: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(merchants).where(merchants.c.api_key == api_key).values(is_active=False))


def test_a_remembered_merchant_is_still_refused_with_a_wrong_secret(engine):
    credentials = create_merchant(engine)
    repository = MerchantsRepository(engine, SecretBox("k"), credentials_ttl_s=60)

    assert repository.authenticate(credentials.api_key, credentials.api_secret) is not None
    assert repository.authenticate(credentials.api_key, "secret_live_wrong") is None


def test_a_deactivated_merchant_is_refused_once_the_remembered_lookup_expires(engine):
    credentials = create_merchant(engine)
    remembering = MerchantsRepository(engine, SecretBox("k"), credentials_ttl_s=60)
    forgetting = MerchantsRepository(engine, SecretBox("k"), credentials_ttl_s=0)
    for repository in (remembering, forgetting):
        assert repository.authenticate(credentials.api_key, credentials.api_secret) is not None

    deactivate(engine, credentials.api_key)

    assert remembering.authenticate(credentials.api_key, credentials.api_secret) is not None
    assert forgetting.authenticate(credentials.api_key, credentials.api_secret) is None


def test_a_merchant_created_after_its_key_was_tried_is_found_at_once(engine):
    credentials = new_credentials()
    repository = MerchantsRepository(engine, SecretBox("k"), credentials_ttl_s=60)
    assert repository.authenticate(credentials.api_key, credentials.api_secret) is None

    suffix = uuid.uuid4().hex[:8]
    repository.create(f"Late {suffix}", f"late-{suffix}@example.com", credentials)

    assert repository.authenticate(credentials.api_key, credentials.api_secret) is not None

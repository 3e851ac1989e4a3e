"""Start-up tasks of the gateway: declare the broker topology and seed the test merchant (both idempotent)."""

from __future__ import annotations

import logging

from gateway.adapters.merchants_repository import MerchantsRepository
from gateway.domain.merchants import (
    TEST_API_KEY,
    TEST_API_SECRET,
    TEST_MERCHANT_EMAIL,
    TEST_MERCHANT_ID,
    TEST_MERCHANT_NAME,
    Credentials,
)
from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.topology import declare_all

log = logging.getLogger(__name__)


def seed_test_merchant(merchants: MerchantsRepository) -> None:
    created = merchants.create(
        TEST_MERCHANT_NAME,
        TEST_MERCHANT_EMAIL,
        Credentials(TEST_API_KEY, TEST_API_SECRET),
        merchant_id=TEST_MERCHANT_ID,
        if_absent=True,
    )
    log.info("test merchant %s", "seeded" if created else "already present")


def declare_topology(amqp_url: str) -> None:
    with publisher_connection(amqp_url, confirms=False) as connection:
        connection.ensure_connection(max_retries=3)
        declare_all(connection.default_channel)

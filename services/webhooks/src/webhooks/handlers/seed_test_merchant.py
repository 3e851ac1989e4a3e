"""The test merchant's endpoint, seeded at start: secret `whsec_test_abc123`, URL from the environment."""

from __future__ import annotations

from dataclasses import replace

from webhooks.domain.endpoint import TEST_MERCHANT_ID, TEST_MERCHANT_SECRET, Endpoint
from webhooks.handlers.dependencies import Dependencies


def seed_test_merchant(deps: Dependencies, url: str | None) -> None:
    """Idempotent: creates the endpoint once; a URL given by the environment replaces the stored one."""
    with deps.unit_of_work() as uow:
        endpoint = uow.endpoints.add_if_absent(Endpoint(TEST_MERCHANT_ID, url, TEST_MERCHANT_SECRET))
        if url is not None and endpoint.url != url:
            uow.endpoints.save(replace(endpoint, url=url))

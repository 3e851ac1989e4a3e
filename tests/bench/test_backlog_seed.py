"""The backlog scenario's seed: deliveries waiting for their last retry, as the API shows them to their merchant."""

from __future__ import annotations

from types import SimpleNamespace

from bench.scenarios.backlog import seed_waiting_deliveries
from tests.webhooks.conftest import create_merchant
from webhooks.config import RETRY_DELAYS_S
from webhooks.domain.delivery_log import RetryPolicy


def test_seeded_deliveries_wait_in_retry_for_their_merchant(stack):
    merchant = create_merchant(stack)
    policy = RetryPolicy(RETRY_DELAYS_S)

    seed_waiting_deliveries(SimpleNamespace(stack=stack), merchant.id, "http://127.0.0.1:9/hooks", 3, policy)

    waiting = merchant.log(status="pending")
    assert len(waiting) == 3
    assert {entry["attempts"] for entry in waiting} == {policy.max_attempts - 1}

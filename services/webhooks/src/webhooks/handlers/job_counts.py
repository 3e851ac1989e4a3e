"""Delivery counts for the worker's heartbeat, behind GET /api/v1/test/jobs/status."""

from __future__ import annotations

from webhooks.domain.delivery_log import FAILED, PENDING, SUCCESS
from webhooks.handlers.dependencies import Dependencies


def job_counts(deps: Dependencies) -> dict[str, int]:
    """Log entries waiting for an attempt (queued, delayed or in flight), delivered, and given up on."""
    with deps.unit_of_work() as uow:
        counts = uow.log.counts()
    return {"pending": counts[PENDING], "completed": counts[SUCCESS], "failed": counts[FAILED]}

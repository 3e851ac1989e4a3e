"""The sweep: pending entries long past their due time lost their job message; give them a new one.

Delay queues hold each retry, and the log row's `next_retry_at` says when it is due. If a
job message is lost (a broker failover, an operator purging a queue), the row still says
pending and overdue; this periodic task schedules it again, so the loss costs one sweep.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from webhooks.domain.delivery_job import DeliveryJob
from webhooks.handlers.dependencies import Dependencies

log = logging.getLogger(__name__)

SWEEP_INTERVAL_S = 10.0
#: how late a job may normally run (queueing, relay, a busy endpoint) before it counts as lost
OVERDUE_GRACE = timedelta(seconds=60)
SWEEP_BATCH = 100


def reschedule_overdue(deps: Dependencies) -> int:
    """Schedule a new job for each overdue entry (another worker's sweep skips them); return how many."""
    now = deps.clock()
    with deps.unit_of_work() as uow:
        overdue = uow.log.overdue(due_before=now - OVERDUE_GRACE, now=now, limit=SWEEP_BATCH)
        for entry in overdue:
            again = entry.rescheduled(now)
            uow.log.reschedule(again)
            uow.jobs.schedule(DeliveryJob.of(again), correlation_id=again.correlation_id)
    if overdue:
        log.warning("rescheduled %d overdue webhook deliveries", len(overdue))
    return len(overdue)

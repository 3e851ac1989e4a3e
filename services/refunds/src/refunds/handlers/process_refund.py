"""process_refund: a pending refund becomes processed once, however often its job is delivered."""

from __future__ import annotations

import logging
from datetime import timedelta

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from refunds.domain import events
from refunds.domain.commands import process_refund_job
from refunds.domain.processing import OVERDUE_AFTER_S
from refunds.handlers.dependencies import Dependencies

log = logging.getLogger(__name__)
SWEEP_BATCH = 100


def handle(envelope: Envelope, *, deps: Dependencies) -> None:
    refund_id = envelope.payload.get("refund_id")
    if not refund_id:
        raise PermanentError("process_refund without refund_id")
    with deps.unit_of_work() as uow:
        refund = uow.refunds.get(refund_id, for_update=True)
        if refund is None:
            raise PermanentError(f"no refund {refund_id}")
        if refund.is_processed:
            log.info("refund %s already processed; nothing to do", refund.id)
            return
        processed = refund.process(deps.clock())
        uow.refunds.save(processed)
        uow.publish(events.refund_event(events.PROCESSED, processed))
    log.info("refund %s processed", processed.id)


def reschedule_overdue(*, deps: Dependencies) -> int:
    """Give a new job to pending refunds whose job was lost: a second job is harmless, none is not."""
    now = deps.clock()
    with deps.unit_of_work() as uow:
        overdue = uow.refunds.overdue(now - timedelta(seconds=OVERDUE_AFTER_S), SWEEP_BATCH)
        for refund in overdue:
            uow.refunds.save(refund.reschedule(now))
            uow.schedule(process_refund_job(refund.id, refund.correlation_id), 0)
    if overdue:
        log.warning("rescheduled %d overdue refunds", len(overdue))
    return len(overdue)

"""process_payment: the processor's verdict, applied once however often the job is delivered, and never lost."""

from __future__ import annotations

import logging
from datetime import timedelta

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from payments.domain import events
from payments.domain.commands import process_payment_job
from payments.domain.processing import OVERDUE_AFTER_S
from payments.handlers.dependencies import Dependencies

log = logging.getLogger(__name__)
SWEEP_BATCH = 100


def handle(envelope: Envelope, *, deps: Dependencies) -> None:
    payment_id = envelope.payload.get("payment_id")
    if not payment_id:
        raise PermanentError("process_payment without payment_id")
    with deps.unit_of_work() as uow:
        payment = uow.payments.get(payment_id, for_update=True)
        if payment is None:
            raise PermanentError(f"no payment {payment_id}")
        if payment.is_final:
            log.info("payment %s already %s; nothing to do", payment.id, payment.status)
            return
        now = deps.clock()
        decided = payment.succeed(now) if deps.policy.succeeds(payment.method) else payment.fail(now)
        uow.payments.save(decided)
        uow.publish(events.outcome_event(decided))
    log.info("payment %s %s", decided.id, decided.status)


def reschedule_overdue(*, deps: Dependencies) -> int:
    """Give a new job to pending payments whose job was lost: a second job is harmless, none is not."""
    now = deps.clock()
    with deps.unit_of_work() as uow:
        overdue = uow.payments.overdue(now - timedelta(seconds=OVERDUE_AFTER_S), SWEEP_BATCH)
        for payment in overdue:
            uow.payments.save(payment.reschedule(now))
            uow.schedule(process_payment_job(payment.id, payment.correlation_id), 0)
    if overdue:
        log.warning("rescheduled %d overdue payments", len(overdue))
    return len(overdue)

"""process_payment: the processor's verdict, applied once however often the job is delivered."""

from __future__ import annotations

import logging

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from payments.domain import events
from payments.handlers.dependencies import Dependencies

log = logging.getLogger(__name__)


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

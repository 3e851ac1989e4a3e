"""refund.processed: add the refunded amount to the payment, once per event."""

from __future__ import annotations

import logging

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from payments.domain.payment import PaymentRuleBroken
from payments.handlers.dependencies import Dependencies

log = logging.getLogger(__name__)
CONSUMER = "payments.record_refund"


def handle(envelope: Envelope, *, deps: Dependencies) -> None:
    refund = envelope.payload.get("refund") or {}
    payment_id, amount = refund.get("payment_id"), refund.get("amount")
    if not payment_id or not isinstance(amount, int):
        raise PermanentError("refund.processed without payment_id and int amount")
    with deps.unit_of_work() as uow:
        if not uow.first_delivery(CONSUMER, envelope.message_id):
            return
        payment = uow.payments.get(payment_id, for_update=True)
        if payment is None:
            raise PermanentError(f"refund for unknown payment {payment_id}")
        try:
            uow.payments.save(payment.record_refund(amount, deps.clock()))
        except PaymentRuleBroken as broken:
            raise PermanentError(str(broken)) from broken
    log.info("payment %s refunded %d", payment_id, amount)

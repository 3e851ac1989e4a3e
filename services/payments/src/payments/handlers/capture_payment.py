"""capture_payment: mark a successful payment captured, once."""

from __future__ import annotations

from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from payments.domain import events
from payments.domain.commands import CapturePayment
from payments.domain.payment import PaymentRuleBroken
from payments.handlers.dependencies import Dependencies
from payments.handlers.queries import payment_not_found


def handle(envelope: Envelope, *, deps: Dependencies) -> dict[str, Any]:
    command = CapturePayment.from_payload(dict(envelope.payload))
    with deps.unit_of_work() as uow:
        payment = uow.payments.get(command.payment_id, command.merchant_id, for_update=True)
        if payment is None:
            raise payment_not_found()
        try:
            captured = payment.capture(command.amount, deps.clock())
        except PaymentRuleBroken as broken:
            raise CommandRejected(400, "BAD_REQUEST_ERROR", str(broken)) from broken
        uow.payments.save(captured)
        uow.publish(events.payment_event(events.CAPTURED, captured))
    return captured.to_api()

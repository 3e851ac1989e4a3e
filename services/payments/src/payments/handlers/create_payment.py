"""create_payment: record a pending payment, announce it, and schedule its processing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from paygate_shared.ids import new_id
from paygate_shared.messaging.envelope import Envelope
from payments.domain import events
from payments.domain.commands import CreatePayment, process_payment_job
from payments.domain.payment import PAYMENT_PREFIX, PENDING, Payment
from payments.handlers.dependencies import Dependencies


def handle(envelope: Envelope, *, deps: Dependencies) -> dict[str, Any]:
    command = CreatePayment.from_payload(dict(envelope.payload))
    # without an Idempotency-Key the message id still keeps a redelivered command from paying twice
    command_id = command.command_id or envelope.message_id
    now = deps.clock()
    delay_ms = deps.policy.delay_ms()
    payment = Payment(
        id=new_id(PAYMENT_PREFIX),
        merchant_id=command.merchant_id,
        order_id=command.order_id,
        amount=command.amount,
        currency=command.currency,
        method=command.method,
        status=PENDING,
        vpa=command.vpa,
        card_network=command.card_network,
        card_last4=command.card_last4,
        correlation_id=envelope.correlation_id,
        created_at=now,
        updated_at=now,
        process_after=now + timedelta(milliseconds=delay_ms),
    )
    result = payment.to_api()
    with deps.unit_of_work() as uow:
        # the answer is known before the work: it is stored with the claim, in one statement
        is_new, first_result = uow.claim_command(command_id, envelope.type, result)
        if not is_new:
            return first_result
        uow.payments.add(payment)
        uow.publish(events.payment_event(events.CREATED, payment))
        uow.publish(events.payment_event(events.PENDING, payment))
        uow.schedule(process_payment_job(payment.id, envelope.correlation_id), delay_ms)
    return result

"""create_refund: reserve the amount on the payment's balance, record a pending refund, schedule its processing.

The balance row of the payment, locked for the whole transaction, serialises every refund
of one payment: whatever the interleaving of requests, retries and redeliveries, the
refunds reserved never add up to more than the payment.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from paygate_shared.ids import new_id
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from refunds.domain import events
from refunds.domain.commands import CreateRefund, process_refund_job
from refunds.domain.refund import PENDING, REFUND_PREFIX, Balance, Refund, RefundRuleBroken
from refunds.handlers.dependencies import Dependencies


def payment_not_found() -> CommandRejected:
    return CommandRejected(404, "NOT_FOUND_ERROR", "Payment not found")


def handle(envelope: Envelope, *, deps: Dependencies) -> dict[str, Any]:
    command = CreateRefund.from_payload(dict(envelope.payload))
    # without an Idempotency-Key the message id still keeps a redelivered command from refunding twice
    command_id = command.command_id or envelope.message_id
    try:
        new_balance = _new_balance(command, deps, envelope.correlation_id)
        return _create(command, command_id, new_balance, envelope, deps)
    except RefundRuleBroken as broken:
        raise CommandRejected(400, "BAD_REQUEST_ERROR", str(broken)) from broken


def _new_balance(command: CreateRefund, deps: Dependencies, correlation_id: str | None) -> Balance | None:
    """The balance to open when this payment has none yet, from the payments service's live answer.

    Asked outside the refund's transaction so no lock is held while waiting for payments.
    Only a successful payment gets a balance, and success is final, so an existing
    balance needs no second look while a refusal is never remembered.
    """
    with deps.unit_of_work() as uow:
        if uow.balances.get(command.payment_id, command.merchant_id) is not None:
            return None
    payment = deps.payments.find_payment(command.merchant_id, command.payment_id, correlation_id)
    if payment is None:
        raise payment_not_found()
    return Balance.open(payment)


def _create(
    command: CreateRefund, command_id: str, new_balance: Balance | None, envelope: Envelope, deps: Dependencies
) -> dict[str, Any]:
    with deps.unit_of_work() as uow:
        is_new, first_result = uow.claim_command(command_id, envelope.type)
        if not is_new:
            return first_result
        if new_balance is not None:
            uow.balances.open(new_balance)
        balance = uow.balances.get(command.payment_id, command.merchant_id, for_update=True)
        if balance is None:
            raise payment_not_found()
        uow.balances.save(balance.reserve(command.amount))
        now = deps.clock()
        delay_ms = deps.timing.delay_ms()
        refund = Refund(
            id=new_id(REFUND_PREFIX),
            merchant_id=command.merchant_id,
            payment_id=command.payment_id,
            amount=command.amount,
            reason=command.reason,
            status=PENDING,
            created_at=now,
            process_after=now + timedelta(milliseconds=delay_ms),
            correlation_id=envelope.correlation_id,
        )
        uow.refunds.add(refund)
        uow.publish(events.refund_event(events.CREATED, refund))
        uow.schedule(process_refund_job(refund.id, envelope.correlation_id), delay_ms)
        result = refund.to_api()
        uow.record_result(command_id, result)
    return result

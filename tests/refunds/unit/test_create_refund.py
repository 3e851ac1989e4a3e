"""create_refund with fakes: the checks in the contract's order, and a balance that is never overdrawn."""

from __future__ import annotations

import pytest

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected, ServiceUnavailable
from tests.refunds.unit.conftest import MERCHANT, OTHER_MERCHANT, PAYMENT


def rejection(refunds, amount, **kwargs) -> tuple[int, str, str]:
    with pytest.raises(CommandRejected) as rejected:
        refunds.create(amount, **kwargs)
    return rejected.value.status, rejected.value.code, rejected.value.description


def test_a_refund_of_a_successful_payment_is_pending_announced_and_scheduled_after_the_delay(refunds):
    refund = refunds.create(2500, reason="damaged")

    assert refund["id"].startswith("rfnd_") and len(refund["id"]) == 21
    assert (refund["payment_id"], refund["amount"], refund["reason"]) == (PAYMENT, 2500, "damaged")
    assert (refund["status"], refund["processed_at"]) == ("pending", None)
    assert refunds.event_types() == ["refund.created"]
    assert refunds.uow.events[0].payload == {"merchant_id": MERCHANT, "refund": refund}
    assert [(job.type, job.payload, delay) for job, delay in refunds.uow.jobs] == [
        ("process_refund", {"refund_id": refund["id"]}, 700)
    ]


def test_an_unknown_or_foreign_payment_is_not_found(refunds):
    assert rejection(refunds, 100, payment_id="pay_BBBBBBBBBBBBBBBB")[:2] == (404, "NOT_FOUND_ERROR")
    assert rejection(refunds, 100, merchant_id=OTHER_MERCHANT)[:2] == (404, "NOT_FOUND_ERROR")


def test_a_foreign_payment_stays_not_found_once_its_owner_has_refunded_it(refunds):
    refunds.create(100)

    assert rejection(refunds, 100, merchant_id=OTHER_MERCHANT)[:2] == (404, "NOT_FOUND_ERROR")


@pytest.mark.parametrize("status", ["pending", "failed"])
def test_a_payment_that_has_not_succeeded_is_not_refundable(refunds, status):
    refunds.pay(status=status)

    assert rejection(refunds, 100) == (400, "BAD_REQUEST_ERROR", "Payment not in refundable state")
    assert refunds.uow.refunds.rows == {} and refunds.uow.balances.rows == {}


def test_a_payment_refused_while_pending_is_refundable_as_soon_as_it_succeeds(refunds):
    refunds.pay(status="pending")
    rejection(refunds, 100)

    refunds.pay(status="success")

    assert refunds.create(100)["status"] == "pending"


def test_the_not_refundable_check_comes_before_the_amount_check(refunds):
    refunds.pay(status="failed", amount=100)

    assert rejection(refunds, 1_000_000)[2] == "Payment not in refundable state"


def test_refunds_may_add_up_to_the_payment_but_never_beyond(refunds):
    refunds.create(4000)
    refunds.create(6000)

    assert rejection(refunds, 1) == (400, "BAD_REQUEST_ERROR", "Refund amount exceeds available amount")
    assert sum(r.amount for r in refunds.uow.refunds.rows.values()) == 10_000
    assert refunds.uow.balances.rows[PAYMENT].available == 0


def test_a_first_refund_above_the_payment_amount_is_rejected_and_leaves_nothing(refunds):
    assert rejection(refunds, 10_001)[2] == "Refund amount exceeds available amount"
    assert refunds.uow.refunds.rows == {} and refunds.uow.events == []


def test_processed_refunds_count_against_the_available_amount_as_pending_ones_do(refunds):
    first = refunds.create(9000)
    refunds.process(first["id"])

    assert rejection(refunds, 1001)[2] == "Refund amount exceeds available amount"
    assert refunds.create(1000)["amount"] == 1000


def test_once_the_balance_is_known_refunds_go_on_while_the_payments_service_is_down(refunds):
    refunds.create(100)
    refunds.payments.down = True

    assert refunds.create(100)["status"] == "pending"


def test_a_first_refund_while_the_payments_service_is_down_fails_and_leaves_nothing(refunds):
    refunds.payments.down = True

    with pytest.raises(ServiceUnavailable):
        refunds.create(100)
    assert refunds.uow.refunds.rows == {} and refunds.uow.commands == {}


def test_the_same_command_id_creates_one_refund_and_answers_the_first_result(refunds):
    first = refunds.create(3000, command_id="cmd-1")

    again = refunds.create(3000, command_id="cmd-1")

    assert again == first
    assert len(refunds.uow.refunds.rows) == 1 and refunds.uow.balances.rows[PAYMENT].refunded_or_reserved == 3000


def test_a_redelivered_command_without_idempotency_key_refunds_once(refunds):
    payload = {"merchant_id": MERCHANT, "payment_id": PAYMENT, "amount": 700}
    command = Envelope(type="create_refund", payload=payload)

    first = refunds.send(command)
    again = refunds.send(command)

    assert again == first
    assert len(refunds.uow.refunds.rows) == 1


def test_a_rejected_command_can_be_sent_again_with_the_same_command_id(refunds):
    refunds.pay(status="pending")
    rejection(refunds, 100, command_id="cmd-2")
    refunds.pay(status="success")

    assert refunds.create(100, command_id="cmd-2")["status"] == "pending"

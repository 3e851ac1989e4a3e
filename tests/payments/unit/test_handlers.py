"""The payments handlers with fake adapters: state after each message, however often it arrives."""

from __future__ import annotations

import pytest

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from tests.payments.unit.wiring import MERCHANT, create, create_command, process, wire


def test_a_new_payment_is_pending_announced_twice_and_scheduled_after_the_processing_delay():
    uow, handlers = wire(delay_ms=700)

    payment = create(handlers)

    assert payment["status"] == "pending" and payment["captured"] is False
    assert [e.type for e in uow.events] == ["payment.created", "payment.pending"]
    assert [(job.type, delay) for job, delay in uow.jobs] == [("process_payment", 700)]


def test_the_same_command_id_creates_one_payment_and_answers_the_first_result():
    uow, handlers = wire()

    first = create(handlers, command_id="cmd-1")
    again = create(handlers, command_id="cmd-1")

    assert again == first
    assert len(uow.payments.rows) == 1


def test_a_command_without_an_idempotency_key_delivered_twice_creates_one_payment():
    uow, handlers = wire()
    command = create_command(command_id=None)

    first = handlers["create_payment"](command)
    redelivered = handlers["create_payment"](command)

    assert redelivered == first
    assert len(uow.payments.rows) == 1
    assert [e.type for e in uow.events] == ["payment.created", "payment.pending"]


def test_processing_succeeds_once_even_when_the_job_is_delivered_twice():
    uow, handlers = wire(success=True)
    payment = create(handlers)

    process(handlers, payment["id"])
    process(handlers, payment["id"])

    assert uow.payments.rows[payment["id"]].status == "success"
    assert [e.type for e in uow.events].count("payment.success") == 1


def test_a_failed_payment_carries_the_failure_code_and_description():
    uow, handlers = wire(success=False)
    payment = create(handlers)

    process(handlers, payment["id"])

    failed = uow.payments.rows[payment["id"]]
    assert (failed.status, failed.error_code, failed.error_description) == (
        "failed",
        "PAYMENT_FAILED",
        "Payment processing failed",
    )
    assert uow.events[-1].type == "payment.failed"


def capture(handlers, payment_id, amount=None, merchant=MERCHANT):
    payload = {"merchant_id": merchant, "payment_id": payment_id, "amount": amount}
    return handlers["capture_payment"](Envelope(type="capture_payment", payload=payload))


@pytest.mark.parametrize(
    ("succeed", "amount", "message"),
    [(False, None, "Payment not in capturable state"), (True, 1, "Capture amount must equal payment amount")],
)
def test_capture_rules(succeed, amount, message):
    _uow, handlers = wire()
    payment = create(handlers)
    if succeed:
        process(handlers, payment["id"])

    with pytest.raises(CommandRejected) as rejected:
        capture(handlers, payment["id"], amount)

    assert (rejected.value.status, rejected.value.code, rejected.value.description) == (
        400,
        "BAD_REQUEST_ERROR",
        message,
    )


def test_a_payment_is_captured_once():
    uow, handlers = wire()
    payment = create(handlers)
    process(handlers, payment["id"])

    assert capture(handlers, payment["id"], 50000)["captured"] is True
    with pytest.raises(CommandRejected) as rejected:
        capture(handlers, payment["id"])
    assert rejected.value.description == "Payment already captured"
    assert [e.type for e in uow.events].count("payment.captured") == 1


def test_another_merchant_cannot_capture_or_read_the_payment():
    _, handlers = wire()
    payment = create(handlers)
    process(handlers, payment["id"])

    with pytest.raises(CommandRejected) as rejected:
        capture(handlers, payment["id"], merchant="00000000-0000-0000-0000-000000000000")
    assert rejected.value.status == 404


def test_a_processed_refund_is_added_once_per_event():
    uow, handlers = wire()
    payment = create(handlers)
    process(handlers, payment["id"])
    event = Envelope(type="refund.processed", payload={"refund": {"payment_id": payment["id"], "amount": 1000}})

    handlers["refund.processed"](event)
    handlers["refund.processed"](event)

    assert uow.payments.rows[payment["id"]].amount_refunded == 1000

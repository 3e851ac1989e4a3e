"""The payments handlers wired to fakes, and the messages unit tests send them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.runtime import Periodic
from payments.domain.processing import ProcessorPolicy
from payments.handlers import build_handlers, build_periodic
from payments.handlers.dependencies import Dependencies
from tests.payments.unit.fakes import FakeUnitOfWork

MERCHANT = "550e8400-e29b-41d4-a716-446655440000"
NOW = datetime(2026, 1, 15, 10, 31, tzinfo=UTC)


def dependencies(uow: FakeUnitOfWork, success: bool, delay_ms: int, clock: Callable[[], datetime]) -> Dependencies:
    policy = ProcessorPolicy(test_mode=True, test_delay_ms=delay_ms, test_success=success)
    return Dependencies(unit_of_work=uow, policy=policy, clock=clock)


def wire(success: bool = True, delay_ms: int = 700, clock: Callable[[], datetime] = lambda: NOW):
    uow = FakeUnitOfWork()
    return uow, build_handlers(dependencies(uow, success, delay_ms, clock))


def periodic(uow: FakeUnitOfWork, clock: Callable[[], datetime]) -> list[Periodic]:
    return build_periodic(dependencies(uow, True, 700, clock))


def create_command(**extra) -> Envelope:
    payload = {
        "merchant_id": MERCHANT,
        "order_id": "order_A",
        "amount": 50000,
        "currency": "INR",
        "method": "upi",
        "vpa": "a@ok",
        **extra,
    }
    return Envelope(type="create_payment", payload=payload)


def create(handlers, **extra):
    return handlers["create_payment"](create_command(**extra))


def process(handlers, payment_id):
    handlers["process_payment"](Envelope(type="process_payment", payload={"payment_id": payment_id}))

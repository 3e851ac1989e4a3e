"""The refunds handlers wired to fakes, with a successful payment of ₹100.00 the payments service knows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from paygate_shared.messaging.envelope import Envelope
from refunds.domain.processing import RefundTiming
from refunds.domain.refund import PaymentFacts
from refunds.handlers import build_handlers, build_periodic
from refunds.handlers.dependencies import Dependencies
from tests.refunds.unit.fakes import FakePaymentsService, FakeUnitOfWork
from tests.support.clock import Clock

MERCHANT = "550e8400-e29b-41d4-a716-446655440000"
OTHER_MERCHANT = "00000000-0000-0000-0000-000000000000"
PAYMENT = "pay_AAAAAAAAAAAAAAAA"
START = datetime(2026, 1, 15, 10, 31, tzinfo=UTC)


@dataclass
class Refunds:
    uow: FakeUnitOfWork
    payments: FakePaymentsService
    clock: Clock

    @property
    def deps(self) -> Dependencies:
        timing = RefundTiming(test_mode=True, test_delay_ms=700)
        return Dependencies(unit_of_work=self.uow, payments=self.payments, timing=timing, clock=self.clock)

    def pay(self, payment_id: str = PAYMENT, amount: int = 10_000, status: str = "success") -> None:
        self.payments.payments[payment_id] = PaymentFacts(payment_id, MERCHANT, amount, status)

    def create(self, amount: int, *, payment_id: str = PAYMENT, merchant_id: str = MERCHANT, **extra) -> dict:
        payload = {"merchant_id": merchant_id, "payment_id": payment_id, "amount": amount, **extra}
        return self.send(Envelope(type="create_refund", payload=payload))

    def process(self, refund_id: str) -> None:
        self.send(Envelope(type="process_refund", payload={"refund_id": refund_id}))

    def send(self, envelope: Envelope) -> Any:
        return build_handlers(self.deps)[envelope.type](envelope)

    def sweep(self) -> None:
        for task in build_periodic(self.deps):
            task.run()

    def event_types(self) -> list[str]:
        return [event.type for event in self.uow.events]


@pytest.fixture
def refunds() -> Refunds:
    world = Refunds(uow=FakeUnitOfWork(), payments=FakePaymentsService(), clock=Clock(START))
    world.pay()
    return world

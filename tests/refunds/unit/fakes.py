"""Hand-written fakes of the refunds adapters, for unit tests of the handlers."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import ServiceUnavailable
from refunds.domain.refund import PENDING, Balance, PaymentFacts, Refund


@dataclass
class FakeRefunds:
    rows: dict[str, Refund] = field(default_factory=dict)

    def add(self, refund: Refund) -> None:
        self.rows[refund.id] = refund

    def get(self, refund_id: str, merchant_id: str | None = None, *, for_update: bool = False) -> Refund | None:
        refund = self.rows.get(refund_id)
        if refund is None or (merchant_id is not None and refund.merchant_id != merchant_id):
            return None
        return refund

    def save(self, refund: Refund) -> None:
        self.rows[refund.id] = refund

    def list(
        self, merchant_id: str, limit: int, offset: int, payment_id: str | None = None
    ) -> tuple[list[Refund], int]:
        mine = [r for r in self.rows.values() if r.merchant_id == merchant_id and payment_id in (None, r.payment_id)]
        mine.sort(key=lambda r: r.created_at, reverse=True)
        return mine[offset : offset + limit], len(mine)

    def overdue(self, cutoff: datetime, limit: int) -> list[Refund]:
        due = [r for r in self.rows.values() if r.status == PENDING and r.process_after < cutoff]
        return sorted(due, key=lambda r: r.process_after)[:limit]


@dataclass
class FakeBalances:
    rows: dict[str, Balance] = field(default_factory=dict)

    def open(self, balance: Balance) -> None:
        self.rows.setdefault(balance.payment_id, balance)

    def get(self, payment_id: str, merchant_id: str, *, for_update: bool = False) -> Balance | None:
        balance = self.rows.get(payment_id)
        return balance if balance is not None and balance.merchant_id == merchant_id else None

    def save(self, balance: Balance) -> None:
        self.rows[balance.payment_id] = balance


@dataclass
class FakePaymentsService:
    """The payments service's current answers; `down` makes it miss its deadline."""

    payments: dict[str, PaymentFacts] = field(default_factory=dict)
    down: bool = False

    def find_payment(self, merchant_id: str, payment_id: str, correlation_id: str | None = None) -> PaymentFacts | None:
        if self.down:
            raise ServiceUnavailable("the payments service did not answer")
        payment = self.payments.get(payment_id)
        return payment if payment is not None and payment.merchant_id == merchant_id else None


@dataclass
class FakeUnitOfWork:
    """Keeps what a committed transaction would have written; discards it on an exception."""

    refunds: FakeRefunds = field(default_factory=FakeRefunds)
    balances: FakeBalances = field(default_factory=FakeBalances)
    events: list[Envelope] = field(default_factory=list)
    jobs: list[tuple[Envelope, int]] = field(default_factory=list)
    commands: dict[str, Any] = field(default_factory=dict)

    def __call__(self) -> FakeUnitOfWork:
        self._pending_events: list[Envelope] = []
        self._pending_jobs: list[tuple[Envelope, int]] = []
        self._snapshot = copy.deepcopy((self.refunds.rows, self.balances.rows, self.commands))
        return self

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.events += self._pending_events
            self.jobs += self._pending_jobs
        else:
            self.refunds.rows, self.balances.rows, self.commands = self._snapshot

    def publish(self, event: Envelope) -> None:
        self._pending_events.append(event)

    def schedule(self, job: Envelope, delay_ms: int) -> None:
        self._pending_jobs.append((job, delay_ms))

    def claim_command(self, command_id: str, command_type: str) -> tuple[bool, Any]:
        if command_id in self.commands:
            return False, self.commands[command_id]
        self.commands[command_id] = None
        return True, None

    def record_result(self, command_id: str, result: Any) -> None:
        self.commands[command_id] = result

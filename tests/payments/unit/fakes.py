"""Hand-written fakes of the payments adapters, for unit tests of the handlers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from paygate_shared.messaging.envelope import Envelope
from payments.domain.payment import PENDING, Payment


@dataclass
class FakePayments:
    rows: dict[str, Payment] = field(default_factory=dict)

    def add(self, payment: Payment) -> None:
        self.rows[payment.id] = payment

    def get(self, payment_id: str, merchant_id: str | None = None, *, for_update: bool = False) -> Payment | None:
        payment = self.rows.get(payment_id)
        if payment is None or (merchant_id is not None and payment.merchant_id != merchant_id):
            return None
        return payment

    def save(self, payment: Payment) -> None:
        self.rows[payment.id] = payment

    def list(self, merchant_id: str, limit: int, offset: int, **filters: str | None) -> tuple[list[Payment], int]:
        mine = [p for p in self.rows.values() if p.merchant_id == merchant_id]
        return mine[offset : offset + limit], len(mine)

    def overdue(self, cutoff: datetime, limit: int) -> list[Payment]:
        due = [p for p in self.rows.values() if p.status == PENDING and p.process_after < cutoff]
        return sorted(due, key=lambda p: p.process_after)[:limit]


@dataclass
class FakeUnitOfWork:
    """Keeps what a committed transaction would have written; discards it on an exception."""

    payments: FakePayments = field(default_factory=FakePayments)
    events: list[Envelope] = field(default_factory=list)
    jobs: list[tuple[Envelope, int]] = field(default_factory=list)
    commands: dict[str, Any] = field(default_factory=dict)
    processed: set[tuple[str, str]] = field(default_factory=set)

    def __call__(self) -> FakeUnitOfWork:
        self._pending_events: list[Envelope] = []
        self._pending_jobs: list[tuple[Envelope, int]] = []
        self._snapshot = dict(self.payments.rows)
        return self

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.events += self._pending_events
            self.jobs += self._pending_jobs
        else:
            self.payments.rows = self._snapshot

    def publish(self, event: Envelope) -> None:
        self._pending_events.append(event)

    def schedule(self, job: Envelope, delay_ms: int) -> None:
        self._pending_jobs.append((job, delay_ms))

    def claim_command(self, command_id: str, command_type: str, result: Any = None) -> tuple[bool, Any]:
        if command_id in self.commands:
            return False, self.commands[command_id]
        self.commands[command_id] = result
        return True, None

    def first_delivery(self, consumer: str, message_id: str) -> bool:
        if (consumer, message_id) in self.processed:
            return False
        self.processed.add((consumer, message_id))
        return True

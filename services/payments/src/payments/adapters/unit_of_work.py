"""A unit of work: one transaction holding the payment change, its outbox messages and its dedupe records."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.topology import PAYMENTS
from paygate_shared.messaging.unit_of_work import TransactionalUnitOfWork
from payments.adapters.repository import PaymentsRepository, SqlPaymentsRepository
from payments.adapters.tables import messaging


class UnitOfWork(Protocol):
    payments: PaymentsRepository

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def publish(self, event: Envelope) -> None: ...
    def schedule(self, job: Envelope, delay_ms: int) -> None: ...
    def claim_command(self, command_id: str, command_type: str, result: Any = None) -> tuple[bool, Any]: ...
    def first_delivery(self, consumer: str, message_id: str) -> bool: ...


class SqlUnitOfWork(TransactionalUnitOfWork):
    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, messaging, PAYMENTS)

    def bind(self, conn: Connection) -> None:
        self.payments = SqlPaymentsRepository(conn)

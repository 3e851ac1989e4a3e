"""A unit of work: one transaction holding the payment change, its outbox messages and its dedupe records."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from paygate_shared.messaging import inbox
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.outbox import Outbox
from paygate_shared.messaging.topology import PAYMENTS
from payments.adapters.repository import PaymentsRepository, SqlPaymentsRepository
from payments.adapters.tables import messaging


class UnitOfWork(Protocol):
    payments: PaymentsRepository

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def publish(self, event: Envelope) -> None: ...
    def schedule(self, job: Envelope, delay_ms: int) -> None: ...
    def claim_command(self, command_id: str, command_type: str) -> tuple[bool, Any]: ...
    def record_result(self, command_id: str, result: Any) -> None: ...
    def first_delivery(self, consumer: str, message_id: str) -> bool: ...


class SqlUnitOfWork:
    """Commits on a clean exit, rolls back on an exception."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._outbox = Outbox(messaging.outbox)
        self._conn: Connection | None = None
        self._transaction = None

    def __enter__(self) -> SqlUnitOfWork:
        self._conn = self._engine.connect()
        self._transaction = self._conn.begin()
        self.payments = SqlPaymentsRepository(self._conn)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            self._conn.close()

    def publish(self, event: Envelope) -> None:
        self._outbox.add_event(self._conn, event)

    def schedule(self, job: Envelope, delay_ms: int) -> None:
        self._outbox.add_job(self._conn, PAYMENTS, job, delay_ms=delay_ms)

    def claim_command(self, command_id: str, command_type: str) -> tuple[bool, Any]:
        return inbox.claim_command(self._conn, messaging.commands, command_id, command_type)

    def record_result(self, command_id: str, result: Any) -> None:
        inbox.record_result(self._conn, messaging.commands, command_id, result)

    def first_delivery(self, consumer: str, message_id: str) -> bool:
        return inbox.first_delivery(self._conn, messaging.processed_messages, consumer, message_id)

"""A unit of work: one transaction holding the refund change, its outbox messages and its command record."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.topology import REFUNDS
from paygate_shared.messaging.unit_of_work import TransactionalUnitOfWork
from refunds.adapters.repository import (
    BalancesRepository,
    RefundsRepository,
    SqlBalancesRepository,
    SqlRefundsRepository,
)
from refunds.adapters.tables import messaging


class UnitOfWork(Protocol):
    refunds: RefundsRepository
    balances: BalancesRepository

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def publish(self, event: Envelope) -> None: ...
    def schedule(self, job: Envelope, delay_ms: int) -> None: ...
    def claim_command(self, command_id: str, command_type: str) -> tuple[bool, Any]: ...
    def record_result(self, command_id: str, result: Any) -> None: ...


class SqlUnitOfWork(TransactionalUnitOfWork):
    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, messaging, REFUNDS)

    def bind(self, conn: Connection) -> None:
        self.refunds = SqlRefundsRepository(conn)
        self.balances = SqlBalancesRepository(conn)

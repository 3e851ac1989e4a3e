"""One transaction over the webhooks schema: endpoints, the delivery log, jobs and the inbox commit together.

A unit that makes a single statement (the hot path's: an event's entry, an attempt's record)
asks for `single_statement=True` and runs on an autocommit connection: the statement is its
own transaction, without the BEGIN and COMMIT round trips that wrap it otherwise. Such a
unit cannot schedule a job, which is a second statement that must commit with the first.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection, Engine

from paygate_shared.messaging.outbox import Outbox, rows_committed
from paygate_shared.secretbox import SecretBox
from webhooks.adapters.delivery_jobs import DeliveryJobs, OutboxDeliveryJobs
from webhooks.adapters.delivery_log_repository import DeliveryLogRepository, SqlDeliveryLogRepository
from webhooks.adapters.endpoints_repository import EndpointsRepository, SqlEndpointsRepository
from webhooks.adapters.tables import messaging


class UnitOfWork(Protocol):
    """Used as `with uow:`; commits when the block ends normally, rolls back when it raises."""

    single_statement: bool

    endpoints: EndpointsRepository
    log: DeliveryLogRepository
    jobs: DeliveryJobs

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc_info) -> None: ...


class SingleStatementUnit(Exception):
    """A single-statement unit of work was asked to schedule a job."""


class NoJobs:
    """The jobs of a single-statement unit: none."""

    scheduled = 0

    def schedule(self, job, *, delay_ms: int = 0, correlation_id: str | None = None) -> None:
        raise SingleStatementUnit("a job commits with the change that schedules it: use a transaction")


class SqlUnitOfWork:
    def __init__(
        self, engine: Engine, autocommit_engine: Engine, box: SecretBox, *, single_statement: bool = False
    ) -> None:
        self._engine = autocommit_engine if single_statement else engine
        self._box = box
        self.single_statement = single_statement

    def __enter__(self) -> SqlUnitOfWork:
        self._transaction = self._engine.begin()
        self._conn: Connection = self._transaction.__enter__()
        self.endpoints = SqlEndpointsRepository(self._conn, self._box)
        self.log = SqlDeliveryLogRepository(self._conn, self._box)
        self.jobs = NoJobs() if self.single_statement else OutboxDeliveryJobs(self._conn, Outbox(messaging.outbox))
        return self

    def __exit__(self, *exc_info) -> None:
        self._transaction.__exit__(*exc_info)
        if exc_info[0] is None and self.jobs.scheduled:
            rows_committed()

"""One transaction over the webhooks schema: endpoints, the delivery log, jobs and the inbox commit together."""

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

    endpoints: EndpointsRepository
    log: DeliveryLogRepository
    jobs: DeliveryJobs

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc_info) -> None: ...


class SqlUnitOfWork:
    def __init__(self, engine: Engine, box: SecretBox) -> None:
        self._engine = engine
        self._box = box

    def __enter__(self) -> SqlUnitOfWork:
        self._transaction = self._engine.begin()
        self._conn: Connection = self._transaction.__enter__()
        self.endpoints = SqlEndpointsRepository(self._conn, self._box)
        self.log = SqlDeliveryLogRepository(self._conn, self._box)
        self.jobs = OutboxDeliveryJobs(self._conn, Outbox(messaging.outbox))
        return self

    def __exit__(self, *exc_info) -> None:
        self._transaction.__exit__(*exc_info)
        if exc_info[0] is None and self.jobs.scheduled:
            rows_committed()

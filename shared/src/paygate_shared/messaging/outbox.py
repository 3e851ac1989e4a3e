"""Transactional outbox: messages written with the business change, published after commit by a relay."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, Insert, Table, bindparam, delete, func, insert, select
from sqlalchemy.exc import DBAPIError

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PublishFailed, ServiceUnavailable
from paygate_shared.messaging.publisher import Outgoing, Publisher
from paygate_shared.messaging.topology import DELAY_HEADER, EVENTS_EXCHANGE, ServiceTopology, event_headers

log = logging.getLogger(__name__)


#: how long a relay woken by a commit waits for the commits behind it, to publish them in one batch
GATHER_S = 0.005

#: set when a transaction of this process that wrote outbox rows has committed
_rows_committed = threading.Event()


def rows_committed() -> None:
    """Wake this process's relays: outbox rows were just committed, so they go out now rather than at the next poll."""
    _rows_committed.set()


@cache
def _insert_into(table: Table) -> Insert:
    return insert(table)


def _row(envelope: Envelope, exchange: str, routing_key: str, headers: Mapping[str, Any] | None) -> dict[str, Any]:
    return {
        "message_id": envelope.message_id,
        "message_type": envelope.type,
        "exchange": exchange,
        "routing_key": routing_key,
        "headers": dict(headers or {}),
        "correlation_id": envelope.correlation_id,
        "body": envelope.to_json().decode(),
    }


class Outbox:
    """Writes messages into the service's outbox table inside the caller's transaction."""

    def __init__(self, table: Table) -> None:
        self._table = table

    def add_event(self, conn: Connection, envelope: Envelope) -> None:
        """A domain event for `paygate.events`, routed by its type (e.g. `payment.success`)."""
        self.insert(conn, [self.event_row(envelope)])

    def add_job(self, conn: Connection, topology: ServiceTopology, envelope: Envelope, *, delay_ms: int = 0) -> None:
        """A background job for the service's own jobs queue, delivered after `delay_ms`."""
        self.add_jobs(conn, topology, [envelope], delay_ms=delay_ms)

    def add_jobs(
        self, conn: Connection, topology: ServiceTopology, envelopes: Sequence[Envelope], *, delay_ms: int = 0
    ) -> None:
        """Many jobs at once, in one statement, each delivered after `delay_ms`."""
        self.insert(conn, self.job_rows(topology, envelopes, delay_ms=delay_ms))

    @staticmethod
    def event_row(envelope: Envelope) -> dict[str, Any]:
        merchant_id = envelope.payload.get("merchant_id")
        return _row(envelope, EVENTS_EXCHANGE.name, envelope.type, event_headers(merchant_id))

    @staticmethod
    def job_rows(
        topology: ServiceTopology, envelopes: Sequence[Envelope], *, delay_ms: int = 0
    ) -> list[dict[str, Any]]:
        if delay_ms > 0:
            exchange, headers = topology.delay_exchange.name, {DELAY_HEADER: delay_ms}
        else:
            exchange, headers = topology.work_exchange.name, None
        return [_row(envelope, exchange, topology.jobs_queue, headers) for envelope in envelopes]

    def insert(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Write the rows in one statement; the relay publishes them in this order."""
        if rows:
            conn.execute(_insert_into(self._table), list(rows) if len(rows) > 1 else rows[0])

    def backlog(self, conn: Connection) -> tuple[int, float | None]:
        """How many messages wait, and the age in seconds of the oldest."""
        count, oldest = conn.execute(
            select(func.count(), func.extract("epoch", func.now() - func.min(self._table.c.created_at)))
        ).one()
        return int(count), (float(oldest) if oldest is not None else None)


def _outgoing(row) -> Outgoing:
    return Outgoing(
        row.body.encode(),
        exchange=row.exchange,
        routing_key=row.routing_key,
        message_id=row.message_id,
        message_type=row.message_type,
        correlation_id=row.correlation_id,
        headers=row.headers,
        # an event no service subscribed to (say, of a merchant without a webhook URL) is not an error
        mandatory=row.exchange != EVENTS_EXCHANGE.name,
    )


class OutboxRelay:
    """Publishes outbox rows in id order, in batches claimed with SKIP LOCKED, deleting what the broker confirmed.

    While the broker is away rows simply stay; the relay backs off and flushes them when it returns.
    Several relays may run against one table: each claims a different batch.
    """

    def __init__(
        self,
        engine: Engine,
        table: Table,
        publisher: Publisher,
        *,
        batch_size: int = 200,
        poll_interval: float = 1.0,
        gather_s: float = GATHER_S,
    ) -> None:
        self._engine = engine
        self._table = table
        self._publisher = publisher
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._gather_s = gather_s
        # built once: a statement made per batch costs more Python than its round trip
        self._claim = select(table).order_by(table.c.id).limit(batch_size).with_for_update(skip_locked=True)
        self._delete = delete(table).where(table.c.id.in_(bindparam("ids", expanding=True)))

    def backlog(self) -> tuple[int, float | None]:
        """How many messages wait, and the age in seconds of the oldest."""
        with self._engine.connect() as conn:
            return Outbox(self._table).backlog(conn)

    def relay_once(self) -> int:
        """Publish one batch, waiting for the broker's confirms once for all of it; return how many went out.

        When the broker goes away mid-batch, the rows it already confirmed are still
        deleted (committed) before the error is raised, so they are not sent twice.
        """
        failure: PublishFailed | None = None
        with self._engine.begin() as conn:
            rows = conn.execute(self._claim).all()
            if not rows:
                return 0
            confirmed = len(rows)
            try:
                self._publisher.publish_batch([_outgoing(row) for row in rows])
            except PublishFailed as exc:
                confirmed, failure = exc.confirmed, exc
            if confirmed:
                conn.execute(self._delete, {"ids": [row.id for row in rows[:confirmed]]})
        if failure is not None:
            raise failure
        return confirmed

    def _await_rows(self) -> None:
        """Sleep until this process commits outbox rows; the poll finds rows other processes left behind.

        Woken by a commit, wait `gather_s` more, so the commits right behind it go out in the same
        batch: under load that turns a claim, a confirm round trip and a delete per commit into one
        per several, for a few milliseconds of latency.
        """
        if _rows_committed.wait(self._poll_interval) and self._gather_s:
            time.sleep(self._gather_s)
        _rows_committed.clear()  # a commit from here on sets it again, and the next batch is claimed after this

    def run(self, stopping: threading.Event) -> None:
        backoff = 0.5
        while not stopping.is_set():
            try:
                sent = self.relay_once()
            except (ServiceUnavailable, DBAPIError) as exc:
                log.warning("outbox relay paused for %.1fs: %s", backoff, exc)
            except Exception:  # the relay must outlive any failure, or the outbox silently stops
                log.exception("outbox relay failed; paused for %.1fs", backoff)
            else:
                backoff = 0.5
                if sent < self._batch_size:
                    self._await_rows()
                continue
            stopping.wait(backoff)
            backoff = min(backoff * 2, 5.0)

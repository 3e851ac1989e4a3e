"""The transaction every service's unit of work runs in: its change, its outbox messages and its dedupe records."""

from __future__ import annotations

from typing import Any, Self

from sqlalchemy import Connection, Engine

from paygate_shared.messaging import inbox
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.outbox import Outbox, rows_committed
from paygate_shared.messaging.tables import MessagingTables
from paygate_shared.messaging.topology import ServiceTopology


class TransactionalUnitOfWork:
    """Commits on a clean exit, rolls back on an exception; a service's subclass attaches its repositories in `bind`."""

    def __init__(self, engine: Engine, tables: MessagingTables, topology: ServiceTopology) -> None:
        self._engine = engine
        self._tables = tables
        self._topology = topology
        self._outbox = Outbox(tables.outbox)
        self._conn: Connection | None = None
        self._transaction = None
        self._outgoing: list[dict[str, Any]] = []

    def bind(self, conn: Connection) -> None:
        """Attach the service's repositories to the transaction's connection."""

    def __enter__(self) -> Self:
        self._conn = self._engine.connect()
        self._transaction = self._conn.begin()
        self._outgoing = []
        self.bind(self._conn)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._outbox.insert(self._conn, self._outgoing)  # the change's messages, in one statement
                self._transaction.commit()
                if self._outgoing:
                    rows_committed()
            else:
                self._transaction.rollback()
        finally:
            self._conn.close()

    def publish(self, event: Envelope) -> None:
        """Send the event once the transaction commits (it is written to the outbox with the change)."""
        self._outgoing.append(self._outbox.event_row(event))

    def schedule(self, job: Envelope, delay_ms: int) -> None:
        """Run the job `delay_ms` after the transaction commits."""
        self._outgoing += self._outbox.job_rows(self._topology, [job], delay_ms=delay_ms)

    def claim_command(self, command_id: str, command_type: str, result: Any = None) -> tuple[bool, Any]:
        """(True, None) for a new command; (False, its first result) for a repeat. See `inbox.claim_command`."""
        return inbox.claim_command(self._conn, self._tables.commands, command_id, command_type, result)

    def record_result(self, command_id: str, result: Any) -> None:
        inbox.record_result(self._conn, self._tables.commands, command_id, result)

    def first_delivery(self, consumer: str, message_id: str) -> bool:
        return inbox.first_delivery(self._conn, self._tables.processed_messages, consumer, message_id)

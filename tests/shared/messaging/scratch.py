"""A throwaway schema for the messaging tests: the messaging tables and an `effects` table handlers write to."""

from __future__ import annotations

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, func, insert, select

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.inbox import first_delivery
from paygate_shared.messaging.tables import MessagingTables, messaging_tables
from paygate_shared.messaging.topology import ServiceTopology

SCHEMA = "msgtest"
CONSUMER = "msgtest.effects"


def scratch_topology(name: str) -> ServiceTopology:
    """A service of the tests' own, subscribed to `thing.*` events."""
    return ServiceTopology(name, event_patterns=("thing.*",))


class ScratchTables:
    def __init__(self) -> None:
        self.metadata = MetaData(schema=SCHEMA)
        self.messaging: MessagingTables = messaging_tables(self.metadata)
        self.effects = Table(
            "effects",
            self.metadata,
            Column("id", Integer, primary_key=True),
            Column("message_id", String(64), nullable=False),
            Column("note", String(200)),
        )

    def record_effect_once(self, engine: Engine, envelope: Envelope, note: str) -> bool:
        """What an idempotent handler does: the effect and the processed record commit together."""
        with engine.begin() as conn:
            if not first_delivery(conn, self.messaging.processed_messages, CONSUMER, envelope.message_id):
                return False
            conn.execute(insert(self.effects).values(message_id=envelope.message_id, note=note))
            return True

    def effects_of(self, engine: Engine, message_id: str) -> int:
        with engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(self.effects).where(self.effects.c.message_id == message_id)
            ).scalar_one()

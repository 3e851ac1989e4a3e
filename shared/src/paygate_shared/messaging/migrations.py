"""Alembic step creating the messaging tables in a service's schema (used by each service's first migration)."""

from __future__ import annotations

from sqlalchemy import MetaData

from paygate_shared.messaging.tables import messaging_tables


def create_messaging_tables(op, schema: str) -> None:
    tables = messaging_tables(MetaData(schema=schema))
    bind = op.get_bind()
    for table in (tables.outbox, tables.processed_messages, tables.commands):
        table.create(bind)

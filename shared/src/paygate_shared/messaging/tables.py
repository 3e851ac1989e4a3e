"""The messaging tables each service keeps in its own schema: outbox, processed messages, commands."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, DateTime, Index, MetaData, String, Table, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB


@dataclass(frozen=True)
class MessagingTables:
    outbox: Table
    processed_messages: Table
    commands: Table


def messaging_tables(metadata: MetaData) -> MessagingTables:
    """Define the three tables in `metadata` (whose schema is the owning service's)."""
    outbox = Table(
        "outbox",
        metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("message_id", String(64), nullable=False),
        Column("message_type", String(64), nullable=False),
        Column("exchange", String(255), nullable=False),
        Column("routing_key", String(255), nullable=False),
        Column("headers", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
        Column("correlation_id", String(64)),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    processed = Table(
        "processed_messages",
        metadata,
        Column("consumer", String(64), primary_key=True),
        Column("message_id", String(64), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    commands = Table(
        "commands",
        metadata,
        Column("command_id", String(128), primary_key=True),
        Column("command_type", String(64), nullable=False),
        Column("result", JSONB),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    Index(f"ix_{metadata.schema}_outbox_created", outbox.c.created_at)
    return MessagingTables(outbox=outbox, processed_messages=processed, commands=commands)

"""Idempotent consumers: remember which messages and commands already had their effect."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Table, select, update
from sqlalchemy.dialects.postgresql import insert


@cache
def _insert_new(table: Table, key: str) -> Insert:
    """INSERT .. ON CONFLICT DO NOTHING RETURNING key, built once per table (values come with each execution)."""
    return insert(table).on_conflict_do_nothing().returning(table.c[key])


def first_delivery(conn: Connection, table: Table, consumer: str, message_id: str) -> bool:
    """Record the message as processed by `consumer`; False when it already was.

    Call inside the handler's transaction: the record commits with the effect, or neither does.
    """
    inserted = conn.execute(_insert_new(table, "message_id"), {"consumer": consumer, "message_id": message_id})
    return inserted.first() is not None


def claim_command(conn: Connection, table: Table, command_id: str, command_type: str) -> tuple[bool, Any]:
    """Claim `command_id` for this transaction.

    Returns (True, None) when it is new: do the work, then call `record_result`.
    Returns (False, result) when it already ran: answer with the first result.
    A concurrent duplicate waits on the unique key until the first one commits.
    """
    claimed = conn.execute(_insert_new(table, "command_id"), {"command_id": command_id, "command_type": command_type})
    if claimed.first() is not None:
        return True, None
    return False, conn.execute(select(table.c.result).where(table.c.command_id == command_id)).scalar_one()


def record_result(conn: Connection, table: Table, command_id: str, result: Any) -> None:
    conn.execute(update(table).where(table.c.command_id == command_id).values(result=result))

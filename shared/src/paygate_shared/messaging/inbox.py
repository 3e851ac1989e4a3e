"""Idempotent consumers: remember which messages and commands already had their effect."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Select, Table, Update, bindparam, select, update
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


def claim_command(
    conn: Connection, table: Table, command_id: str, command_type: str, result: Any = None
) -> tuple[bool, Any]:
    """Claim `command_id` for this transaction.

    Returns (True, None) when it is new: do the work, then call `record_result`, unless the
    result was known before the work and given here, to be stored with the claim.
    Returns (False, result) when it already ran: answer with the first result.
    A concurrent duplicate waits on the unique key until the first one commits.
    """
    claim = {"command_id": command_id, "command_type": command_type}
    if result is not None:
        claim["result"] = result
    if conn.execute(_insert_new(table, "command_id"), claim).first() is not None:
        return True, None
    return False, conn.execute(_result_of(table), {"command_id": command_id}).scalar_one()


@cache
def _result_of(table: Table) -> Select:
    return select(table.c.result).where(table.c.command_id == bindparam("command_id"))


@cache
def _record(table: Table) -> Update:
    return update(table).where(table.c.command_id == bindparam("claimed_id"))


def record_result(conn: Connection, table: Table, command_id: str, result: Any) -> None:
    conn.execute(_record(table), {"claimed_id": command_id, "result": result})

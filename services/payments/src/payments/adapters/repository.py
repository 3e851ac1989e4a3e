"""Payments in PostgreSQL, read and written inside the caller's transaction."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection, bindparam, func, select

from payments.adapters.tables import payments
from payments.domain.payment import PENDING, Payment

# built once: a statement made per message costs more Python than its round trip to PostgreSQL
_ADD = payments.insert()
_SAVE = payments.update().where(payments.c.id == bindparam("payment_id"))
_BY_ID = select(payments).where(payments.c.id == bindparam("payment_id"))
_MERCHANTS_BY_ID = _BY_ID.where(payments.c.merchant_id == bindparam("merchant_id"))
_LOCKED = {query: query.with_for_update() for query in (_BY_ID, _MERCHANTS_BY_ID)}
_COLUMNS = tuple(field.name for field in fields(Payment))


def _values(payment: Payment) -> dict:
    """The payment's columns; its fields are plain values, so no deep copy (as `asdict` makes) is needed."""
    return {name: getattr(payment, name) for name in _COLUMNS}


class PaymentsRepository(Protocol):
    def add(self, payment: Payment) -> None: ...
    def get(self, payment_id: str, merchant_id: str | None = None, *, for_update: bool = False) -> Payment | None: ...
    def save(self, payment: Payment) -> None: ...
    def list(self, merchant_id: str, limit: int, offset: int, **filters: str | None) -> tuple[list[Payment], int]: ...
    def overdue(self, cutoff: datetime, limit: int) -> list[Payment]: ...


def _payment(row) -> Payment:
    data = dict(row._mapping)
    data["merchant_id"] = str(data["merchant_id"])
    return Payment(**data)


class SqlPaymentsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, payment: Payment) -> None:
        self._conn.execute(_ADD, _values(payment))

    def get(self, payment_id: str, merchant_id: str | None = None, *, for_update: bool = False) -> Payment | None:
        query, params = _BY_ID, {"payment_id": payment_id}
        if merchant_id is not None:
            query, params = _MERCHANTS_BY_ID, {**params, "merchant_id": merchant_id}
        if for_update:
            query = _LOCKED[query]
        row = self._conn.execute(query, params).first()
        return _payment(row) if row is not None else None

    def save(self, payment: Payment) -> None:
        values = _values(payment)
        values["payment_id"] = values.pop("id")
        self._conn.execute(_SAVE, values)

    def list(self, merchant_id: str, limit: int, offset: int, **filters: str | None) -> tuple[list[Payment], int]:
        conditions = [payments.c.merchant_id == merchant_id]
        conditions += [payments.c[name] == value for name, value in filters.items() if value]
        total = self._conn.execute(select(func.count()).select_from(payments).where(*conditions)).scalar_one()
        rows = self._conn.execute(
            select(payments)
            .where(*conditions)
            .order_by(payments.c.created_at.desc(), payments.c.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [_payment(r) for r in rows], total

    def overdue(self, cutoff: datetime, limit: int) -> list[Payment]:
        """Pending payments due before `cutoff`, locked; payments another transaction holds are skipped."""
        rows = self._conn.execute(
            select(payments)
            .where(payments.c.status == PENDING, payments.c.process_after < cutoff)
            .order_by(payments.c.process_after)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        return [_payment(r) for r in rows]

    def counts_by_status(self) -> dict[str, int]:
        rows = self._conn.execute(select(payments.c.status, func.count()).group_by(payments.c.status)).all()
        return {status: count for status, count in rows}

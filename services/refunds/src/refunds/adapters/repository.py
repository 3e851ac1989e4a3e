"""Refunds and balances in PostgreSQL, read and written inside the caller's transaction."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.dialects.postgresql import insert

from refunds.adapters.tables import balances, refunds
from refunds.domain.refund import PENDING, Balance, Refund

# built once: a statement made per message costs more Python than its round trip to PostgreSQL
_ADD = refunds.insert()
_SAVE = refunds.update().where(refunds.c.id == bindparam("refund_id"))


class RefundsRepository(Protocol):
    def add(self, refund: Refund) -> None: ...
    def get(self, refund_id: str, merchant_id: str | None = None, *, for_update: bool = False) -> Refund | None: ...
    def save(self, refund: Refund) -> None: ...
    def list(
        self, merchant_id: str, limit: int, offset: int, payment_id: str | None = None
    ) -> tuple[list[Refund], int]: ...
    def overdue(self, cutoff: datetime, limit: int) -> list[Refund]: ...


class BalancesRepository(Protocol):
    def open(self, balance: Balance) -> None: ...
    def get(self, payment_id: str, merchant_id: str, *, for_update: bool = False) -> Balance | None: ...
    def save(self, balance: Balance) -> None: ...


def _refund(row) -> Refund:
    data = dict(row._mapping)
    data["merchant_id"] = str(data["merchant_id"])
    return Refund(**data)


class SqlRefundsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, refund: Refund) -> None:
        self._conn.execute(_ADD, asdict(refund))

    def get(self, refund_id: str, merchant_id: str | None = None, *, for_update: bool = False) -> Refund | None:
        query = select(refunds).where(refunds.c.id == refund_id)
        if merchant_id is not None:
            query = query.where(refunds.c.merchant_id == merchant_id)
        if for_update:
            query = query.with_for_update()
        row = self._conn.execute(query).first()
        return _refund(row) if row is not None else None

    def save(self, refund: Refund) -> None:
        values = asdict(refund)
        values["refund_id"] = values.pop("id")
        self._conn.execute(_SAVE, values)

    def list(
        self, merchant_id: str, limit: int, offset: int, payment_id: str | None = None
    ) -> tuple[list[Refund], int]:
        conditions = [refunds.c.merchant_id == merchant_id]
        if payment_id:
            conditions.append(refunds.c.payment_id == payment_id)
        total = self._conn.execute(select(func.count()).select_from(refunds).where(*conditions)).scalar_one()
        rows = self._conn.execute(
            select(refunds)
            .where(*conditions)
            .order_by(refunds.c.created_at.desc(), refunds.c.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [_refund(r) for r in rows], total

    def overdue(self, cutoff: datetime, limit: int) -> list[Refund]:
        """Pending refunds due before `cutoff`, locked; refunds another transaction holds are skipped."""
        rows = self._conn.execute(
            select(refunds)
            .where(refunds.c.status == PENDING, refunds.c.process_after < cutoff)
            .order_by(refunds.c.process_after)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        return [_refund(r) for r in rows]

    def counts_by_status(self) -> dict[str, int]:
        rows = self._conn.execute(select(refunds.c.status, func.count()).group_by(refunds.c.status)).all()
        return {status: count for status, count in rows}


class SqlBalancesRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def open(self, balance: Balance) -> None:
        """Insert the balance unless the payment already has one (a concurrent first refund may have won)."""
        self._conn.execute(insert(balances).values(**asdict(balance)).on_conflict_do_nothing())

    def get(self, payment_id: str, merchant_id: str, *, for_update: bool = False) -> Balance | None:
        query = select(
            balances.c.payment_id, balances.c.merchant_id, balances.c.amount, balances.c.refunded_or_reserved
        ).where(balances.c.payment_id == payment_id, balances.c.merchant_id == merchant_id)
        if for_update:
            query = query.with_for_update()
        row = self._conn.execute(query).first()
        if row is None:
            return None
        return Balance(
            payment_id=row.payment_id,
            merchant_id=str(row.merchant_id),
            amount=row.amount,
            refunded_or_reserved=row.refunded_or_reserved,
        )

    def save(self, balance: Balance) -> None:
        self._conn.execute(
            balances.update()
            .where(balances.c.payment_id == balance.payment_id)
            .values(refunded_or_reserved=balance.refunded_or_reserved, updated_at=func.now())
        )

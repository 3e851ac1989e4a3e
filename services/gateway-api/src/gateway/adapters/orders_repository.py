"""Orders in PostgreSQL, always read and written within one merchant's scope."""

from __future__ import annotations

from sqlalchemy import Engine, bindparam, func, select
from sqlalchemy.dialects.postgresql import insert

from gateway.adapters.tables import orders
from gateway.domain.orders import Order, Page

# built once: a statement made per request costs more Python than its round trip to PostgreSQL
_ADD = insert(orders).on_conflict_do_nothing().returning(*orders.c)
_BY_ID = select(orders).where(orders.c.id == bindparam("order_id"))
_MERCHANTS_BY_ID = _BY_ID.where(orders.c.merchant_id == bindparam("merchant_id"))


def _order(row) -> Order:
    return Order(
        id=row.id,
        merchant_id=str(row.merchant_id),
        amount=row.amount,
        currency=row.currency,
        receipt=row.receipt,
        notes=row.notes or {},
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class OrdersRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, order: Order, idempotency_key: str | None = None) -> Order:
        """Insert the order; a repeat of the merchant's idempotency key returns the first order instead."""
        values = {
            "id": order.id,
            "merchant_id": order.merchant_id,
            "amount": order.amount,
            "currency": order.currency,
            "receipt": order.receipt,
            "notes": order.notes,
            "status": order.status,
            "idempotency_key": idempotency_key,
            "created_at": order.created_at,
            "updated_at": order.updated_at,
        }
        with self._engine.begin() as conn:
            row = conn.execute(_ADD, values).first()
            if row is None and idempotency_key is not None:
                row = conn.execute(
                    select(orders).where(
                        orders.c.merchant_id == order.merchant_id, orders.c.idempotency_key == idempotency_key
                    )
                ).one()
        return _order(row)

    def get(self, order_id: str, merchant_id: str | None = None) -> Order | None:
        query, params = _BY_ID, {"order_id": order_id}
        if merchant_id is not None:
            query, params = _MERCHANTS_BY_ID, {**params, "merchant_id": merchant_id}
        with self._engine.connect() as conn:
            row = conn.execute(query, params).first()
        return _order(row) if row is not None else None

    def list(self, merchant_id: str, limit: int, offset: int) -> Page:
        scope = orders.c.merchant_id == merchant_id
        with self._engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(orders).where(scope)).scalar_one()
            rows = conn.execute(
                select(orders)
                .where(scope)
                .order_by(orders.c.created_at.desc(), orders.c.id.desc())
                .limit(limit)
                .offset(offset)
            ).all()
        return Page(items=[_order(r) for r in rows], total=total, limit=limit, offset=offset)

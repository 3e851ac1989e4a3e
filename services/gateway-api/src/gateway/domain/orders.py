"""Orders: what a shopper is asked to pay, created by a merchant before any payment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from paygate_shared.ids import new_id
from paygate_shared.timefmt import iso, utcnow

ORDER_PREFIX = "order_"
MINIMUM_AMOUNT = 100


@dataclass(frozen=True)
class Order:
    id: str
    merchant_id: str
    amount: int
    currency: str
    receipt: str | None
    notes: dict[str, Any]
    status: str
    created_at: datetime
    updated_at: datetime

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "merchant_id": self.merchant_id,
            "amount": self.amount,
            "currency": self.currency,
            "receipt": self.receipt,
            "notes": self.notes,
            "status": self.status,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
        }

    def to_public(self) -> dict[str, Any]:
        return {"id": self.id, "amount": self.amount, "currency": self.currency, "status": self.status}


def create_order(
    merchant_id: str, amount: int, currency: str, receipt: str | None, notes: dict[str, Any] | None
) -> Order:
    if amount < MINIMUM_AMOUNT:
        raise ValueError(f"amount must be at least {MINIMUM_AMOUNT}")
    now = utcnow()
    return Order(
        id=new_id(ORDER_PREFIX),
        merchant_id=merchant_id,
        amount=amount,
        currency=currency,
        receipt=receipt,
        notes=dict(notes or {}),
        status="created",
        created_at=now,
        updated_at=now,
    )


@dataclass(frozen=True)
class Page:
    items: list[Any] = field(default_factory=list)
    total: int = 0
    limit: int = 10
    offset: int = 0

    def to_api(self, render) -> dict[str, Any]:
        return {
            "data": [render(i) for i in self.items],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }

"""A refund (pending -> processed) and the refundable balance of the payment it draws on."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from paygate_shared.timefmt import iso

PENDING, PROCESSED = "pending", "processed"
REFUND_PREFIX = "rfnd_"
REFUNDABLE_STATUS = "success"
NOT_REFUNDABLE = "Payment not in refundable state"
EXCEEDS_AVAILABLE = "Refund amount exceeds available amount"


class RefundRuleBroken(Exception):
    """A refund the payment does not allow; the message is the API's description."""


@dataclass(frozen=True)
class PaymentFacts:
    """What refunds needs to know about a payment, as its owner reports it."""

    id: str
    merchant_id: str
    amount: int
    status: str


@dataclass(frozen=True)
class Balance:
    """How much of one payment is already refunded or promised to a pending refund."""

    payment_id: str
    merchant_id: str
    amount: int
    refunded_or_reserved: int = 0

    @classmethod
    def open(cls, payment: PaymentFacts) -> Balance:
        """The balance of a payment that can be refunded: only a successful one."""
        if payment.status != REFUNDABLE_STATUS:
            raise RefundRuleBroken(NOT_REFUNDABLE)
        return cls(payment_id=payment.id, merchant_id=payment.merchant_id, amount=payment.amount)

    @property
    def available(self) -> int:
        return self.amount - self.refunded_or_reserved

    def reserve(self, amount: int) -> Balance:
        if amount <= 0:
            raise ValueError("a refund amount is a positive number of paise")
        if amount > self.available:
            raise RefundRuleBroken(EXCEEDS_AVAILABLE)
        return replace(self, refunded_or_reserved=self.refunded_or_reserved + amount)


@dataclass(frozen=True)
class Refund:
    id: str
    merchant_id: str
    payment_id: str
    amount: int
    status: str
    created_at: datetime
    process_after: datetime
    reason: str | None = None
    processed_at: datetime | None = None
    correlation_id: str | None = None

    @property
    def is_processed(self) -> bool:
        return self.status == PROCESSED

    def process(self, now: datetime) -> Refund:
        if self.status != PENDING:
            raise RefundRuleBroken(f"Refund already {self.status}")
        return replace(self, status=PROCESSED, processed_at=now)

    def reschedule(self, process_after: datetime) -> Refund:
        return replace(self, process_after=process_after)

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "payment_id": self.payment_id,
            "amount": self.amount,
            "reason": self.reason,
            "status": self.status,
            "created_at": iso(self.created_at),
            "processed_at": iso(self.processed_at),
        }

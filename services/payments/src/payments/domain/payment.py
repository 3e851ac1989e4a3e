"""A payment and its legal transitions: pending -> success | failed; success -> captured."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from paygate_shared.timefmt import iso

PENDING, SUCCESS, FAILED = "pending", "success", "failed"
METHODS = ("upi", "card")
PAYMENT_PREFIX = "pay_"
FAILURE_CODE = "PAYMENT_FAILED"
FAILURE_DESCRIPTION = "Payment processing failed"


class PaymentRuleBroken(Exception):
    """A transition the payment's state does not allow; the message is the API's description."""


@dataclass(frozen=True)
class Payment:
    id: str
    merchant_id: str
    order_id: str
    amount: int
    currency: str
    method: str
    status: str
    created_at: datetime
    updated_at: datetime
    process_after: datetime  # when the processor's verdict is due; the sweep uses it to find lost jobs
    vpa: str | None = None
    card_network: str | None = None
    card_last4: str | None = None
    captured: bool = False
    captured_at: datetime | None = None
    amount_refunded: int = 0
    error_code: str | None = None
    error_description: str | None = None
    correlation_id: str | None = None

    @property
    def is_final(self) -> bool:
        return self.status in (SUCCESS, FAILED)

    def succeed(self, now: datetime) -> Payment:
        self._require_pending()
        return replace(self, status=SUCCESS, updated_at=now)

    def fail(self, now: datetime) -> Payment:
        self._require_pending()
        return replace(
            self, status=FAILED, error_code=FAILURE_CODE, error_description=FAILURE_DESCRIPTION, updated_at=now
        )

    def capture(self, amount: int | None, now: datetime) -> Payment:
        if amount is not None and amount != self.amount:
            raise PaymentRuleBroken("Capture amount must equal payment amount")
        if self.status != SUCCESS:
            raise PaymentRuleBroken("Payment not in capturable state")
        if self.captured:
            raise PaymentRuleBroken("Payment already captured")
        return replace(self, captured=True, captured_at=now, updated_at=now)

    def reschedule(self, process_after: datetime) -> Payment:
        return replace(self, process_after=process_after)

    def record_refund(self, amount: int, now: datetime) -> Payment:
        refunded = self.amount_refunded + amount
        if amount <= 0 or refunded > self.amount:
            raise PaymentRuleBroken("Refunds cannot exceed the payment amount")
        return replace(self, amount_refunded=refunded, updated_at=now)

    def _require_pending(self) -> None:
        if self.status != PENDING:
            raise PaymentRuleBroken(f"Payment already {self.status}")

    def to_api(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "order_id": self.order_id,
            "amount": self.amount,
            "currency": self.currency,
            "method": self.method,
        }
        if self.method == "upi":
            body["vpa"] = self.vpa
        else:
            body["card_network"] = self.card_network
            body["card_last4"] = self.card_last4
        body.update(
            {
                "status": self.status,
                "captured": self.captured,
                "amount_refunded": self.amount_refunded,
                "error_code": self.error_code,
                "error_description": self.error_description,
                "created_at": iso(self.created_at),
                "updated_at": iso(self.updated_at),
            }
        )
        return body

    def to_public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "order_id": self.order_id,
            "amount": self.amount,
            "currency": self.currency,
            "method": self.method,
            "status": self.status,
            "error_code": self.error_code,
            "error_description": self.error_description,
        }

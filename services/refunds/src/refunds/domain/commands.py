"""The commands and jobs refunds accepts, parsed from message payloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError

PROCESS_REFUND = "process_refund"


def process_refund_job(refund_id: str, correlation_id: str | None = None) -> Envelope:
    """The background job that moves a pending refund to processed."""
    return Envelope(type=PROCESS_REFUND, payload={"refund_id": refund_id}, correlation_id=correlation_id)


def _require(payload: dict[str, Any], *names: str) -> None:
    missing = [n for n in names if payload.get(n) in (None, "")]
    if missing:
        raise PermanentError(f"missing {', '.join(missing)}")


@dataclass(frozen=True)
class CreateRefund:
    merchant_id: str
    payment_id: str
    amount: int
    reason: str | None
    command_id: str | None

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> CreateRefund:
        _require(payload, "merchant_id", "payment_id", "amount")
        amount = payload["amount"]
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise PermanentError("amount must be a positive int of paise")
        return cls(
            merchant_id=payload["merchant_id"],
            payment_id=payload["payment_id"],
            amount=amount,
            reason=payload.get("reason"),
            command_id=payload.get("command_id"),
        )


@dataclass(frozen=True)
class RefundQuery:
    merchant_id: str
    refund_id: str

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> RefundQuery:
        _require(payload, "merchant_id", "refund_id")
        return cls(payload["merchant_id"], payload["refund_id"])


@dataclass(frozen=True)
class ListRefunds:
    merchant_id: str
    limit: int
    offset: int
    payment_id: str | None = None

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> ListRefunds:
        _require(payload, "merchant_id")
        return cls(
            merchant_id=payload["merchant_id"],
            limit=int(payload.get("limit", 10)),
            offset=int(payload.get("offset", 0)),
            payment_id=payload.get("payment_id"),
        )

"""The commands and jobs payments accepts, parsed from message payloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError

PROCESS_PAYMENT = "process_payment"


def process_payment_job(payment_id: str, correlation_id: str | None = None) -> Envelope:
    """The background job that gives a pending payment the processor's verdict."""
    return Envelope(type=PROCESS_PAYMENT, payload={"payment_id": payment_id}, correlation_id=correlation_id)


def _require(payload: dict[str, Any], *names: str) -> None:
    missing = [n for n in names if payload.get(n) in (None, "")]
    if missing:
        raise PermanentError(f"missing {', '.join(missing)}")


@dataclass(frozen=True)
class CreatePayment:
    merchant_id: str
    order_id: str
    amount: int
    currency: str
    method: str
    vpa: str | None
    card_network: str | None
    card_last4: str | None
    command_id: str | None

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> CreatePayment:
        _require(payload, "merchant_id", "order_id", "amount", "currency", "method")
        if not isinstance(payload["amount"], int) or payload["amount"] <= 0:
            raise PermanentError("amount must be a positive int of paise")
        return cls(
            merchant_id=payload["merchant_id"],
            order_id=payload["order_id"],
            amount=payload["amount"],
            currency=payload["currency"],
            method=payload["method"],
            vpa=payload.get("vpa"),
            card_network=payload.get("card_network"),
            card_last4=payload.get("card_last4"),
            command_id=payload.get("command_id"),
        )


@dataclass(frozen=True)
class CapturePayment:
    merchant_id: str
    payment_id: str
    amount: int | None

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> CapturePayment:
        _require(payload, "merchant_id", "payment_id")
        return cls(payload["merchant_id"], payload["payment_id"], payload.get("amount"))


@dataclass(frozen=True)
class PaymentQuery:
    merchant_id: str | None
    payment_id: str

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> PaymentQuery:
        _require(payload, "payment_id")
        return cls(payload.get("merchant_id"), payload["payment_id"])


@dataclass(frozen=True)
class ListPayments:
    merchant_id: str
    limit: int
    offset: int
    status: str | None = None
    method: str | None = None
    order_id: str | None = None

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> ListPayments:
        _require(payload, "merchant_id")
        return cls(
            merchant_id=payload["merchant_id"],
            limit=int(payload.get("limit", 10)),
            offset=int(payload.get("offset", 0)),
            status=payload.get("status"),
            method=payload.get("method"),
            order_id=payload.get("order_id"),
        )

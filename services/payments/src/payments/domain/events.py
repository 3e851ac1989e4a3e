"""The events payments publish; their payload is what merchants receive in webhooks."""

from __future__ import annotations

from paygate_shared.messaging.envelope import Envelope
from payments.domain.payment import Payment

CREATED = "payment.created"
PENDING = "payment.pending"
SUCCEEDED = "payment.success"
FAILED = "payment.failed"
CAPTURED = "payment.captured"


def payment_event(event_type: str, payment: Payment) -> Envelope:
    return Envelope(
        type=event_type,
        payload={"merchant_id": payment.merchant_id, "payment": payment.to_api()},
        correlation_id=payment.correlation_id,
    )


def outcome_event(payment: Payment) -> Envelope:
    return payment_event(SUCCEEDED if payment.status == "success" else FAILED, payment)

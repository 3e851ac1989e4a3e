"""The events refunds publish; their payload is what merchants receive in webhooks."""

from __future__ import annotations

from paygate_shared.messaging.envelope import Envelope
from refunds.domain.refund import Refund

CREATED = "refund.created"
PROCESSED = "refund.processed"


def refund_event(event_type: str, refund: Refund) -> Envelope:
    return Envelope(
        type=event_type,
        payload={"merchant_id": refund.merchant_id, "refund": refund.to_api()},
        correlation_id=refund.correlation_id,
    )

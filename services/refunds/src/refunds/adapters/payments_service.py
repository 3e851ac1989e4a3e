"""The payments service as refunds sees it: a payment's amount and status, asked over request/reply."""

from __future__ import annotations

from typing import Protocol

from paygate_shared.messaging.errors import CommandRejected
from paygate_shared.messaging.rpc import RpcClient
from refunds.domain.refund import PaymentFacts


class PaymentsService(Protocol):
    def find_payment(
        self, merchant_id: str, payment_id: str, correlation_id: str | None = None
    ) -> PaymentFacts | None: ...


class RpcPaymentsService:
    """Reads the payment's live state from its owner; raises ServiceUnavailable when payments does not answer."""

    def __init__(self, rpc: RpcClient) -> None:
        self._rpc = rpc

    def find_payment(self, merchant_id: str, payment_id: str, correlation_id: str | None = None) -> PaymentFacts | None:
        try:
            payment = self._rpc.call(
                "payments",
                "get_payment",
                {"merchant_id": merchant_id, "payment_id": payment_id},
                correlation_id=correlation_id,
            )
        except CommandRejected as rejected:
            if rejected.status == 404:
                return None
            raise
        return PaymentFacts(
            id=payment["id"], merchant_id=merchant_id, amount=payment["amount"], status=payment["status"]
        )

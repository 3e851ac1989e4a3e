"""What the payments service reacts to: message type -> handler, and the clock. Read this first."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.runtime import Periodic
from payments.domain.commands import PROCESS_PAYMENT
from payments.handlers import capture_payment, create_payment, process_payment, queries, record_refund
from payments.handlers.dependencies import Dependencies

Handler = Callable[[Envelope], Any]

SWEEP_INTERVAL_S = 10.0


def build_handlers(deps: Dependencies) -> dict[str, Handler]:
    table = {
        # commands, answered over request/reply
        "create_payment": create_payment.handle,
        "capture_payment": capture_payment.handle,
        "get_payment": queries.get_payment,
        "get_public_payment": queries.get_public_payment,
        "list_payments": queries.list_payments,
        # background job, scheduled through a delay queue at creation
        PROCESS_PAYMENT: process_payment.handle,
        # events from other services
        "refund.processed": record_refund.handle,
    }
    return {message_type: partial(handler, deps=deps) for message_type, handler in table.items()}


def build_periodic(deps: Dependencies) -> list[Periodic]:
    return [
        # a lost delay message costs one sweep, not a payment stuck in pending
        Periodic(
            "reschedule-overdue-payments", SWEEP_INTERVAL_S, partial(process_payment.reschedule_overdue, deps=deps)
        ),
    ]

"""What the refunds service reacts to: message type -> handler, and the clock. Read this first."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.runtime import Periodic
from refunds.domain.commands import PROCESS_REFUND
from refunds.handlers import create_refund, process_refund, queries
from refunds.handlers.dependencies import Dependencies

Handler = Callable[[Envelope], Any]

SWEEP_INTERVAL_S = 10.0


def build_handlers(deps: Dependencies) -> dict[str, Handler]:
    table = {
        # commands, answered over request/reply
        "create_refund": create_refund.handle,
        "get_refund": queries.get_refund,
        "list_refunds": queries.list_refunds,
        # background job, scheduled through a delay queue at creation
        PROCESS_REFUND: process_refund.handle,
    }
    return {message_type: partial(handler, deps=deps) for message_type, handler in table.items()}


def build_periodic(deps: Dependencies) -> list[Periodic]:
    return [
        # a lost delay message costs one sweep, not a refund stuck in pending
        Periodic("reschedule-overdue-refunds", SWEEP_INTERVAL_S, partial(process_refund.reschedule_overdue, deps=deps)),
    ]

"""Commands every service answers for operators: the state of its outbox."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, Table

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.outbox import Outbox

OUTBOX_STATUS = "outbox_status"


def operations_handlers(service: str, engine: Engine, outbox_table: Table) -> dict[str, Callable[[Envelope], Any]]:
    """Handlers to merge into a service's registry."""
    outbox = Outbox(outbox_table)

    def outbox_status(_envelope: Envelope) -> dict[str, Any]:
        with engine.connect() as conn:
            waiting, oldest_age_s = outbox.backlog(conn)
        oldest = None if oldest_age_s is None else round(oldest_age_s)  # messages carry no floats
        return {"service": service, "waiting": waiting, "oldest_age_seconds": oldest}

    return {OUTBOX_STATUS: outbox_status}

"""Delivery jobs go out through the outbox, so a job exists exactly when its log change commits."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.outbox import Outbox
from paygate_shared.messaging.topology import WEBHOOKS
from webhooks.domain.delivery_job import DELIVER_WEBHOOK, DeliveryJob


class DeliveryJobs(Protocol):
    def schedule(self, job: DeliveryJob, *, delay_ms: int = 0, correlation_id: str | None = None) -> None:
        """Have `job` run after `delay_ms`, once the current transaction commits."""
        ...


class OutboxDeliveryJobs:
    def __init__(self, conn: Connection, outbox: Outbox) -> None:
        self._conn = conn
        self._outbox = outbox
        self.scheduled = 0

    def schedule(self, job: DeliveryJob, *, delay_ms: int = 0, correlation_id: str | None = None) -> None:
        envelope = Envelope(type=DELIVER_WEBHOOK, payload=job.to_payload(), correlation_id=correlation_id)
        self._outbox.add_job(self._conn, WEBHOOKS, envelope, delay_ms=delay_ms)
        self.scheduled += 1

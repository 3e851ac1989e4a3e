"""The background job that makes one delivery attempt of a log entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from webhooks.domain.delivery_log import LogEntry

DELIVER_WEBHOOK = "deliver_webhook"


class UnreadableJob(ValueError):
    """A job message without the fields it needs."""


@dataclass(frozen=True)
class DeliveryJob:
    log_id: str
    merchant_id: str
    job_id: str

    @classmethod
    def of(cls, entry: LogEntry) -> DeliveryJob:
        if entry.job_id is None:
            raise ValueError(f"log entry {entry.id} has no job scheduled")
        return cls(log_id=entry.id, merchant_id=entry.merchant_id, job_id=entry.job_id)

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> DeliveryJob:
        try:
            return cls(log_id=payload["log_id"], merchant_id=payload["merchant_id"], job_id=payload["job_id"])
        except KeyError as exc:
            raise UnreadableJob(f"delivery job without {exc.args[0]}") from exc

    def to_payload(self) -> dict[str, str]:
        return {"log_id": self.log_id, "merchant_id": self.merchant_id, "job_id": self.job_id}

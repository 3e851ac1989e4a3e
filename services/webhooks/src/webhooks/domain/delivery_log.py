"""The delivery log: one entry per event and merchant, updated in place by every attempt.

An entry names the one delivery job that may make its next attempt (`job_id`). Scheduling
a job (first delivery, a retry after a failure, a manual retry, a sweep of a lost job)
gives the entry a new `job_id`, so an older job message that turns up late finds itself
outdated and does nothing.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from paygate_shared.timefmt import iso

PENDING = "pending"
SUCCESS = "success"
FAILED = "failed"
STATUSES = (PENDING, SUCCESS, FAILED)

RESPONSE_BODY_LIMIT = 1000


def new_job_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Attempt:
    """One try at delivering an entry: what the merchant's server answered, or why it could not."""

    attempt: int
    attempted_at: datetime
    url: str | None
    response_code: int | None
    duration_ms: int
    error: str | None
    response_body: str | None

    @property
    def succeeded(self) -> bool:
        return self.error is None and self.response_code is not None and 200 <= self.response_code < 300

    def to_api(self) -> dict[str, Any]:
        return {
            "attempt": self.attempt,
            "attempted_at": iso(self.attempted_at),
            "url": self.url,
            "response_code": self.response_code,
            "duration_ms": self.duration_ms,
            "error": self.error,
            "response_body": self.response_body,
        }


@dataclass(frozen=True)
class RetryPolicy:
    """`delays_s[n]` is the wait before attempt n+1; there are as many attempts as delays."""

    delays_s: tuple[int, ...]

    @property
    def max_attempts(self) -> int:
        return len(self.delays_s)

    def delay_before(self, attempt: int) -> int:
        return self.delays_s[attempt - 1]


@dataclass(frozen=True)
class LogEntry:
    id: str
    merchant_id: str
    event_id: str
    event: str
    payment_id: str | None
    payload: str  # the exact body, identical for every attempt
    status: str
    attempts: int
    created_at: datetime
    last_attempt_at: datetime | None
    next_retry_at: datetime | None
    response_code: int | None
    response_body: str | None
    correlation_id: str | None
    job_id: str | None

    def after_attempt(self, attempt: Attempt, policy: RetryPolicy, now: datetime) -> LogEntry:
        """The entry once `attempt` is recorded: success, failed for good, or pending its next try."""
        attempts = self.attempts + 1
        recorded = replace(
            self,
            attempts=attempts,
            last_attempt_at=attempt.attempted_at,
            response_code=attempt.response_code,
            response_body=attempt.response_body,
        )
        if attempt.succeeded:
            return replace(recorded, status=SUCCESS, next_retry_at=None, job_id=None)
        if attempts >= policy.max_attempts:
            return replace(recorded, status=FAILED, next_retry_at=None, job_id=None)
        due = now + timedelta(seconds=policy.delay_before(attempts + 1))
        return replace(recorded, status=PENDING, next_retry_at=due, job_id=new_job_id())

    def retried(self, now: datetime) -> LogEntry:
        """A manual retry: the same entry, attempts reset, delivered again now."""
        return replace(self, status=PENDING, attempts=0, next_retry_at=now, job_id=new_job_id())

    def rescheduled(self, now: datetime) -> LogEntry:
        """A pending entry whose job was lost gets a new one, due now."""
        return replace(self, next_retry_at=now, job_id=new_job_id())

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event": self.event,
            "status": self.status,
            "attempts": self.attempts,
            "created_at": iso(self.created_at),
            "last_attempt_at": iso(self.last_attempt_at),
            "next_retry_at": iso(self.next_retry_at),
            "response_code": self.response_code,
            "response_body": self.response_body,
            "payment_id": self.payment_id,
            "correlation_id": self.correlation_id,
        }

    def to_api_detail(self, attempts: list[Attempt]) -> dict[str, Any]:
        return {
            **self.to_api(),
            "payload": json.loads(self.payload),
            "deliveries": [attempt.to_api() for attempt in attempts],
        }


def new_entry(
    *,
    log_id: str,
    merchant_id: str,
    event_id: str,
    event: str,
    payment_id: str | None,
    body: str,
    now: datetime,
    correlation_id: str | None,
) -> LogEntry:
    """A fresh entry whose first attempt is due now."""
    return LogEntry(
        id=log_id,
        merchant_id=merchant_id,
        event_id=event_id,
        event=event,
        payment_id=payment_id,
        payload=body,
        status=PENDING,
        attempts=0,
        created_at=now,
        last_attempt_at=None,
        next_retry_at=now,
        response_code=None,
        response_body=None,
        correlation_id=correlation_id,
        job_id=new_job_id(),
    )


def truncate_body(text: str | None) -> str | None:
    if text is None:
        return None
    return text if len(text) <= RESPONSE_BODY_LIMIT else text[:RESPONSE_BODY_LIMIT]

"""The delivery log and its attempts in PostgreSQL; the log row is the truth about every delivery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection, bindparam, cast, func, insert, null, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from paygate_shared.secretbox import SecretBox
from webhooks.adapters.tables import delivery_attempts, delivery_log, endpoints
from webhooks.domain.delivery_log import FAILED, PENDING, STATUSES, Attempt, LogEntry
from webhooks.domain.endpoint import Endpoint

# the statements of every event and attempt, built once: a statement made per message costs more
# Python than its round trip to PostgreSQL
_ADD = pg_insert(delivery_log).on_conflict_do_nothing().returning(delivery_log.c.id)
# an event's entry is stored only if the merchant has a URL, in the statement that reads the URL and secret
_SUBSCRIBED = (
    select(endpoints.c.url, endpoints.c.secret_sealed)
    .where(endpoints.c.merchant_id == bindparam("merchant_id"), endpoints.c.url.is_not(None))
    .cte("subscribed")
)
_ADDED = (
    pg_insert(delivery_log)
    .from_select(
        [column.name for column in delivery_log.c],
        select(*[cast(bindparam(column.name), column.type) for column in delivery_log.c]).select_from(_SUBSCRIBED),
    )
    .on_conflict_do_nothing()
    .returning(delivery_log.c.id)
    .cte("added")
)
_ADD_FOR_ENDPOINT = select(
    _SUBSCRIBED.c.url,
    _SUBSCRIBED.c.secret_sealed,
    select(func.count()).select_from(_ADDED).scalar_subquery().label("added"),
)
_CLAIM = (
    update(delivery_log)
    .where(
        delivery_log.c.id == bindparam("log_id"),
        delivery_log.c.job_id == bindparam("claimed_job_id"),
        delivery_log.c.status == PENDING,
        or_(delivery_log.c.claimed_until.is_(None), delivery_log.c.claimed_until < bindparam("now")),
    )
    .returning(*delivery_log.c)
)
#: the columns attempts and scheduling change (an entry's identity and payload never do), named as LogEntry's fields
_PROGRESS = ("status", "attempts", "last_attempt_at", "next_retry_at", "response_code", "response_body", "job_id")
#: an attempt's columns, named as Attempt's fields
_ATTEMPT = ("attempt", "attempted_at", "url", "response_code", "duration_ms", "error", "response_body")
# an attempt is recorded in one statement: the entry's update, if its claim still stands, feeds the insert
# of the attempt, so a superseded claim records neither (the attempt's values are bound as attempt_<column>)
_RECORDED = (
    update(delivery_log)
    .where(delivery_log.c.id == bindparam("log_id"), delivery_log.c.job_id == bindparam("claimed_job_id"))
    .values({**{name: bindparam(name) for name in _PROGRESS}, "claimed_until": null()})
    .returning(delivery_log.c.id)
    .cte("recorded")
)
_RECORD = (
    insert(delivery_attempts)
    .from_select(
        ["log_id", *_ATTEMPT],
        select(
            _RECORDED.c.id,
            *[cast(bindparam(f"attempt_{name}"), delivery_attempts.c[name].type) for name in _ATTEMPT],
        ),
    )
    .returning(delivery_attempts.c.log_id)
)
_RELEASE = update(delivery_log).where(
    delivery_log.c.id == bindparam("log_id"), delivery_log.c.job_id == bindparam("claimed_job_id")
)


@dataclass(frozen=True)
class LogFilter:
    event: str | None = None
    status: str | None = None
    payment_id: str | None = None


class DeliveryLogRepository(Protocol):
    def add(self, entry: LogEntry, *, claimed_until: datetime | None = None) -> bool:
        """Store a new entry, its first attempt claimed until `claimed_until` if given; False when its event
        already has one for this merchant."""
        ...

    def add_for_endpoint(self, entry: LogEntry, *, claimed_until: datetime) -> tuple[Endpoint | None, bool]:
        """Store a new entry, its first attempt claimed, if the merchant has a webhook URL.

        Returns the merchant's endpoint (None without a URL, and then nothing is stored) and
        whether the entry is new (False when its event already has one).
        """
        ...

    def get(self, merchant_id: str, log_id: str) -> LogEntry | None: ...

    def page(self, merchant_id: str, where: LogFilter, limit: int, offset: int) -> tuple[list[LogEntry], int]: ...

    def attempts(self, log_id: str) -> list[Attempt]: ...

    def claim(self, log_id: str, job_id: str, now: datetime, until: datetime) -> LogEntry | None:
        """Take the next attempt of a pending entry whose current job is `job_id`, until `until`.

        None when the job is outdated, the entry is settled, or another worker holds it.
        """
        ...

    def record(self, entry: LogEntry, attempt: Attempt, claimed_job_id: str) -> bool:
        """Write the entry as it stands after `attempt`, if `claimed_job_id` is still its job."""
        ...

    def release(self, log_id: str, claimed_job_id: str) -> None:
        """Give up a claim without an attempt, if `claimed_job_id` is still the entry's job."""
        ...

    def reschedule(self, entry: LogEntry) -> None:
        """Write the entry's new schedule (status, attempts, due time, job) and release any claim."""
        ...

    def overdue(self, due_before: datetime, now: datetime, limit: int) -> list[LogEntry]:
        """Unclaimed pending entries due before `due_before`, locked for this transaction."""
        ...

    def failed_between(self, merchant_id: str, since: datetime, until: datetime, limit: int) -> list[LogEntry]:
        """The merchant's failed entries created in [since, until), oldest first, locked for this transaction."""
        ...

    def counts(self) -> dict[str, int]: ...


def _entry(row) -> LogEntry:
    return LogEntry(
        id=str(row.id),
        merchant_id=str(row.merchant_id),
        event_id=row.event_id,
        event=row.event,
        payment_id=row.payment_id,
        payload=row.payload,
        status=row.status,
        attempts=row.attempts,
        created_at=row.created_at,
        last_attempt_at=row.last_attempt_at,
        next_retry_at=row.next_retry_at,
        response_code=row.response_code,
        response_body=row.response_body,
        correlation_id=row.correlation_id,
        job_id=row.job_id,
    )


def _attempt(row) -> Attempt:
    return Attempt(
        attempt=row.attempt,
        attempted_at=row.attempted_at,
        url=row.url,
        response_code=row.response_code,
        duration_ms=row.duration_ms,
        error=row.error,
        response_body=row.response_body,
    )


def _progress(entry: LogEntry) -> dict:
    return {name: getattr(entry, name) for name in _PROGRESS}


def _unclaimed(now: datetime):
    return or_(delivery_log.c.claimed_until.is_(None), delivery_log.c.claimed_until < now)


def _values(entry: LogEntry, claimed_until: datetime | None) -> dict:
    return {
        "id": entry.id,
        "merchant_id": entry.merchant_id,
        "event_id": entry.event_id,
        "event": entry.event,
        "payment_id": entry.payment_id,
        "payload": entry.payload,
        "created_at": entry.created_at,
        "correlation_id": entry.correlation_id,
        "claimed_until": claimed_until,
        **_progress(entry),
    }


class SqlDeliveryLogRepository:
    def __init__(self, conn: Connection, box: SecretBox) -> None:
        self._conn = conn
        self._box = box

    def add(self, entry: LogEntry, *, claimed_until: datetime | None = None) -> bool:
        return self._conn.execute(_ADD, _values(entry, claimed_until)).first() is not None

    def add_for_endpoint(self, entry: LogEntry, *, claimed_until: datetime) -> tuple[Endpoint | None, bool]:
        row = self._conn.execute(_ADD_FOR_ENDPOINT, _values(entry, claimed_until)).first()
        if row is None:
            return None, False
        return Endpoint(entry.merchant_id, row.url, self._box.open(row.secret_sealed)), row.added == 1

    def get(self, merchant_id: str, log_id: str) -> LogEntry | None:
        row = self._conn.execute(
            select(delivery_log).where(delivery_log.c.id == log_id, delivery_log.c.merchant_id == merchant_id)
        ).first()
        return _entry(row) if row is not None else None

    def page(self, merchant_id: str, where: LogFilter, limit: int, offset: int) -> tuple[list[LogEntry], int]:
        conditions = [delivery_log.c.merchant_id == merchant_id]
        if where.event:
            conditions.append(delivery_log.c.event == where.event)
        if where.status:
            conditions.append(delivery_log.c.status == where.status)
        if where.payment_id:
            conditions.append(delivery_log.c.payment_id == where.payment_id)
        total = self._conn.execute(select(func.count()).select_from(delivery_log).where(*conditions)).scalar_one()
        rows = self._conn.execute(
            select(delivery_log)
            .where(*conditions)
            .order_by(delivery_log.c.created_at.desc(), delivery_log.c.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [_entry(row) for row in rows], total

    def attempts(self, log_id: str) -> list[Attempt]:
        rows = self._conn.execute(
            select(delivery_attempts).where(delivery_attempts.c.log_id == log_id).order_by(delivery_attempts.c.id)
        ).all()
        return [_attempt(row) for row in rows]

    def claim(self, log_id: str, job_id: str, now: datetime, until: datetime) -> LogEntry | None:
        claimed = {"log_id": log_id, "claimed_job_id": job_id, "now": now, "claimed_until": until}
        row = self._conn.execute(_CLAIM, claimed).first()
        return _entry(row) if row is not None else None

    def record(self, entry: LogEntry, attempt: Attempt, claimed_job_id: str) -> bool:
        recorded = {
            **_progress(entry),
            **{f"attempt_{name}": getattr(attempt, name) for name in _ATTEMPT},
            "log_id": entry.id,
            "claimed_job_id": claimed_job_id,
        }
        return self._conn.execute(_RECORD, recorded).first() is not None

    def release(self, log_id: str, claimed_job_id: str) -> None:
        self._conn.execute(_RELEASE, {"claimed_until": None, "log_id": log_id, "claimed_job_id": claimed_job_id})

    def reschedule(self, entry: LogEntry) -> None:
        self._conn.execute(
            update(delivery_log).where(delivery_log.c.id == entry.id).values(**_progress(entry), claimed_until=None)
        )

    def overdue(self, due_before: datetime, now: datetime, limit: int) -> list[LogEntry]:
        rows = self._conn.execute(
            select(delivery_log)
            .where(delivery_log.c.status == PENDING, delivery_log.c.next_retry_at < due_before, _unclaimed(now))
            .order_by(delivery_log.c.next_retry_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        return [_entry(row) for row in rows]

    def failed_between(self, merchant_id: str, since: datetime, until: datetime, limit: int) -> list[LogEntry]:
        rows = self._conn.execute(
            select(delivery_log)
            .where(
                delivery_log.c.merchant_id == merchant_id,
                delivery_log.c.status == FAILED,
                delivery_log.c.created_at >= since,
                delivery_log.c.created_at < until,
            )
            .order_by(delivery_log.c.created_at)
            .limit(limit)
            .with_for_update()
        ).all()
        return [_entry(row) for row in rows]

    def counts(self) -> dict[str, int]:
        rows = self._conn.execute(select(delivery_log.c.status, func.count()).group_by(delivery_log.c.status)).all()
        found = dict(rows)
        return {status: int(found.get(status, 0)) for status in STATUSES}

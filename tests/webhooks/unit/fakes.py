"""Hand-written fakes of the webhooks service's adapters, sharing one in-memory "database"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import ServiceUnavailable
from webhooks.adapters.delivery_log_repository import LogFilter
from webhooks.adapters.endpoint_slots import EndpointSlots
from webhooks.adapters.http_sender import SendResult
from webhooks.adapters.unit_of_work import NoJobs
from webhooks.domain.delivery_job import DELIVER_WEBHOOK, DeliveryJob
from webhooks.domain.delivery_log import FAILED, PENDING, STATUSES, Attempt, LogEntry, RetryPolicy
from webhooks.domain.endpoint import Endpoint
from webhooks.domain.url_policy import UrlGuard
from webhooks.handlers.deliver_webhook import deliver_webhook
from webhooks.handlers.dependencies import Dependencies
from webhooks.handlers.record_event import event_entry, log_event

TEST_DELAYS_S = (0, 5, 10, 15, 20)


@dataclass
class Database:
    endpoints: dict[str, Endpoint] = field(default_factory=dict)
    entries: dict[str, LogEntry] = field(default_factory=dict)
    attempts: dict[str, list[Attempt]] = field(default_factory=dict)
    claimed_until: dict[str, datetime] = field(default_factory=dict)
    jobs: list[tuple[DeliveryJob, int]] = field(default_factory=list)
    #: each unit of work opened, in order: "transaction" or "single statement"
    units: list[str] = field(default_factory=list)


class FakeEndpoints:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, merchant_id: str) -> Endpoint | None:
        return self._db.endpoints.get(merchant_id)

    def add_if_absent(self, endpoint: Endpoint) -> Endpoint:
        return self._db.endpoints.setdefault(endpoint.merchant_id, endpoint)

    def save(self, endpoint: Endpoint) -> None:
        self._db.endpoints[endpoint.merchant_id] = endpoint


class FakeDeliveryLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, entry: LogEntry, *, claimed_until: datetime | None = None) -> bool:
        if entry.id in self._db.entries:
            return False
        self._db.entries[entry.id] = entry
        if claimed_until is not None:
            self._db.claimed_until[entry.id] = claimed_until
        return True

    def add_for_endpoint(self, entry: LogEntry, *, claimed_until: datetime) -> tuple[Endpoint | None, bool]:
        endpoint = self._db.endpoints.get(entry.merchant_id)
        if endpoint is None or endpoint.url is None:
            return None, False
        return endpoint, self.add(entry, claimed_until=claimed_until)

    def get(self, merchant_id: str, log_id: str) -> LogEntry | None:
        entry = self._db.entries.get(log_id)
        return entry if entry is not None and entry.merchant_id == merchant_id else None

    def page(self, merchant_id: str, where: LogFilter, limit: int, offset: int) -> tuple[list[LogEntry], int]:
        found = [
            e
            for e in self._db.entries.values()
            if e.merchant_id == merchant_id
            and where.event in (None, e.event)
            and where.status in (None, e.status)
            and where.payment_id in (None, e.payment_id)
        ]
        found.sort(key=lambda e: e.created_at, reverse=True)
        return found[offset : offset + limit], len(found)

    def attempts(self, log_id: str) -> list[Attempt]:
        return list(self._db.attempts.get(log_id, []))

    def claim(self, log_id: str, job_id: str, now: datetime, until: datetime) -> LogEntry | None:
        entry = self._db.entries.get(log_id)
        held = self._db.claimed_until.get(log_id)
        if entry is None or entry.job_id != job_id or entry.status != PENDING or (held and held > now):
            return None
        self._db.claimed_until[log_id] = until
        return entry

    def record(self, entry: LogEntry, attempt: Attempt, claimed_job_id: str) -> bool:
        if self._db.entries[entry.id].job_id != claimed_job_id:
            return False
        self._db.entries[entry.id] = entry
        self._db.claimed_until.pop(entry.id, None)
        self._db.attempts.setdefault(entry.id, []).append(attempt)
        return True

    def release(self, log_id: str, claimed_job_id: str) -> None:
        if self._db.entries[log_id].job_id == claimed_job_id:
            self._db.claimed_until.pop(log_id, None)

    def reschedule(self, entry: LogEntry) -> None:
        self._db.entries[entry.id] = entry
        self._db.claimed_until.pop(entry.id, None)

    def overdue(self, due_before: datetime, now: datetime, limit: int) -> list[LogEntry]:
        return [
            e
            for e in self._db.entries.values()
            if e.status == PENDING
            and e.next_retry_at < due_before
            and not (self._db.claimed_until.get(e.id) and self._db.claimed_until[e.id] > now)
        ][:limit]

    def failed_between(self, merchant_id: str, since: datetime, until: datetime, limit: int) -> list[LogEntry]:
        found = [
            e
            for e in self._db.entries.values()
            if e.merchant_id == merchant_id and e.status == FAILED and since <= e.created_at < until
        ]
        return sorted(found, key=lambda e: e.created_at)[:limit]

    def counts(self) -> dict[str, int]:
        return {status: sum(e.status == status for e in self._db.entries.values()) for status in STATUSES}


class FakeJobs:
    def __init__(self, db: Database) -> None:
        self._db = db

    def schedule(self, job: DeliveryJob, *, delay_ms: int = 0, correlation_id: str | None = None) -> None:
        self._db.jobs.append((job, delay_ms))


class FakeSubscriptions:
    """Remembers which merchants' events were subscribed to; `down` makes it fail like a broker away."""

    def __init__(self) -> None:
        self.merchants: set[str] = set()
        self.down = False

    def subscribe(self, merchant_id: str) -> None:
        if self.down:
            raise ServiceUnavailable("broker unavailable")
        self.merchants.add(merchant_id)


class FakeUnitOfWork:
    """Writes straight into `db` (nothing is rolled back); a single-statement unit refuses jobs as the real one does."""

    def __init__(self, db: Database, *, single_statement: bool = False) -> None:
        self._db = db
        self.single_statement = single_statement
        self.endpoints = FakeEndpoints(db)
        self.log = FakeDeliveryLog(db)
        self.jobs = NoJobs() if single_statement else FakeJobs(db)
        db.units.append("single statement" if single_statement else "transaction")

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc_info) -> None:
        pass


@dataclass
class Sent:
    url: str
    body: bytes
    headers: dict[str, str]


class FakeSender:
    """Answers every POST with `result` and remembers what was sent."""

    def __init__(self, result: SendResult | None = None) -> None:
        self.result = result or answered(200)
        self.sent: list[Sent] = []

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
        self.sent.append(Sent(url, body, headers))
        return self.result

    def close(self) -> None:
        pass


def answered(code: int, body: str = "") -> SendResult:
    return SendResult(response_code=code, response_body=body, error=None, duration_ms=12)


def unreachable(error: str = "connection failed: [Errno 111] Connection refused") -> SendResult:
    return SendResult(response_code=None, response_body=None, error=error, duration_ms=3)


class Clock:
    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2024, 1, 15, 10, 31, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class World:
    """Everything a handler test sets up and looks at."""

    db: Database
    sender: FakeSender
    clock: Clock
    deps: Dependencies

    def log_event(self, merchant_id: str, event_id: str, event: str = "payment.success", data=None) -> LogEntry:
        """An event logged for the merchant, its first job scheduled, as the events consumer does it."""
        with self.deps.unit_of_work() as uow:
            entry = event_entry(
                merchant_id=merchant_id,
                event_id=event_id,
                event=event,
                data=data or {},
                occurred_at=self.clock(),
                now=self.clock(),
                correlation_id=None,
            )
            return log_event(uow, entry)

    def run_jobs(self) -> None:
        """Run the scheduled jobs in order, each after its delay, until none is left (retries included)."""
        while self.db.jobs:
            job, delay_ms = self.db.jobs.pop(0)
            self.clock.advance(delay_ms / 1000)
            deliver_webhook(Envelope(type=DELIVER_WEBHOOK, payload=job.to_payload()), self.deps)


def world(*, allow_private: bool = True, endpoint_concurrency: int = 2, resolve=lambda host: ["93.0.2.1"]) -> World:
    db, sender, clock = Database(), FakeSender(), Clock()
    deps = Dependencies(
        unit_of_work=partial(FakeUnitOfWork, db),
        sender=sender,
        guard=UrlGuard(resolve=resolve, allow_private=allow_private),
        slots=EndpointSlots(endpoint_concurrency, wait_s=0.05, clock=lambda: clock().timestamp()),
        retry_policy=RetryPolicy(TEST_DELAYS_S),
        subscriptions=FakeSubscriptions(),
        clock=clock,
    )
    return World(db=db, sender=sender, clock=clock, deps=deps)


def with_url(w: World, merchant_id: str, url: str | None = "https://shop.example.com/hooks") -> Endpoint:
    endpoint = Endpoint(merchant_id, url, "whsec_dGhpcyBpcyBhIHRlc3Qgc2VjcmV0IGtleSAzMmI=")
    w.db.endpoints[merchant_id] = endpoint
    return endpoint

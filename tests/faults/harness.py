"""The fault harness: N payments through the real API while a test breaks something, then every invariant checked.

    with FaultRun(stack, payments=200) as run:
        traffic = run.start()
        run.wait_for_payments(50)
        ...break something, and restore it...
        report = run.finish()

A run has a merchant of its own (so the API's lists are exactly its traffic), a webhook
receiver that records every delivery, and a durable tap on `paygate.events` that records
every event the services published. `finish` waits until the system has settled (every
payment final, every refund processed, every webhook delivered, every queue and outbox
drained) and then checks the invariants in `tests.faults.invariants`, failing with the
full list of what broke.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from tests.faults import invariants
from tests.faults.broker import EventTap, delay_queues, parking_queues, queue_depths, work_queues
from tests.faults.invariants import Snapshot
from tests.faults.receiver import Answer, WebhookReceiver, always_ok
from tests.faults.traffic import CARDS, CVVS, Answers, CarefulClient, Traffic, plan
from tests.refunds.support import query
from tests.support.stack import WORKERS, Stack, installed
from tests.support.waiting import TimedOut, eventually

PAGE = 100


@dataclass(frozen=True)
class Report:
    payments: int
    refunds: int
    events: int
    deliveries: int | None
    webhook_ids: int | None
    answers: dict[int, int]
    gave_up: int
    settled_in_s: float

    def __str__(self) -> str:
        return json.dumps(self.__dict__)


class FaultRun:
    def __init__(self, stack: Stack, *, payments: int, answer: Answer = always_ok, patience_s: float = 240) -> None:
        self.stack = stack
        self.run_id = uuid.uuid4().hex[:10]
        self.receiver = WebhookReceiver(answer)
        self.answers = Answers()
        self.workers = [name for name in WORKERS if installed(name)]
        self.webhooks = "webhooks" in self.workers
        self._count = payments
        self._patience_s = patience_s
        self._tap = EventTap(stack.isolation.amqp_url)
        self.merchant: dict[str, str] = {}
        self.traffic: Traffic | None = None

    def __enter__(self) -> FaultRun:
        self.receiver.__enter__()
        self._tap.__enter__()
        self.merchant = self.stack.create_merchant(f"Faults {self.run_id}", f"faults-{self.run_id}@example.com")
        self.api = self.stack.session(
            headers={"X-Api-Key": self.merchant["api_key"], "X-Api-Secret": self.merchant["api_secret"]}
        )
        if self.webhooks:
            response = self.api.put("/api/v1/webhooks/config", json={"webhook_url": self.receiver.url})
            assert response.status_code == 200, response.text
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._tap.__exit__(*exc_info)
        self.receiver.__exit__(*exc_info)

    def start(self, payments: int | None = None) -> Traffic:
        client = CarefulClient(self.stack.base_url, dict(self.api.headers), self.answers, self._patience_s)
        self.traffic = Traffic(client, plan(payments or self._count, self.run_id), self.run_id).start()
        return self.traffic

    def wait_for_payments(self, count: int, timeout: float = 120) -> None:
        eventually(lambda: self.traffic.payments_created >= count, timeout=timeout, what=f"{count} payments created")

    # --- settling and checking ---

    def finish(self, *, expected_parked: int = 0, settle_timeout: float | None = None) -> Report:
        started = time.monotonic()
        self.traffic.join()
        timeout = settle_timeout or 180 + 0.2 * len(self.traffic.journeys)
        eventually(
            lambda: not self.unsettled(expected_parked), timeout=timeout, interval=2, what="the system to settle"
        )
        settled_in = time.monotonic() - started
        snapshot = self.snapshot()
        problems = [
            *[f"gave up: {j.index}: {reason}" for j in self.traffic.journeys for reason in j.gave_up],
            *self.answers.violations,
            *invariants.payment_problems(self.traffic.journeys, snapshot),
            *invariants.refund_problems(self.traffic.journeys, snapshot),
            *invariants.event_problems(snapshot),
            *invariants.webhook_problems(snapshot, self.merchant["webhook_secret"]),
            *self.lasting_queue_problems(expected_parked),
            *invariants.outbox_problems(self.outbox_backlog()),
            *invariants.secret_problems(self.stack.all_logs(), self.secrets()),
        ]
        assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])
        report = self.report(snapshot, settled_in)
        print(f"fault run {self.run_id}: {report}")
        return report

    def unsettled(self, expected_parked: int) -> list[str]:
        """What still moves: pending payments or refunds, webhooks not yet delivered, queues or outboxes not empty."""
        snapshot = self.snapshot()
        moving = [p["id"] for p in snapshot.payments if p["status"] == "pending"]
        moving += [r["id"] for r in snapshot.refunds if r["status"] != "processed"]
        if snapshot.webhook_log is not None:
            moving += [e["id"] for e in snapshot.webhook_log if e["status"] == "pending"]
            delivered = {d.subject() for d in snapshot.deliveries}
            moving += [f"{e}:{i}" for e, i in invariants.expected_events(snapshot) if (e, i) not in delivered]
        return moving + self.queue_problems(expected_parked) + invariants.outbox_problems(self.outbox_backlog())

    def snapshot(self) -> Snapshot:
        merchant_id = self.merchant["id"]
        return Snapshot(
            payments=self._all("/api/v1/payments"),
            refunds=self._all("/api/v1/refunds"),
            events=[e for e in self._tap.events() if e.payload.get("merchant_id") == merchant_id],
            webhook_log=self._all("/api/v1/webhooks") if self.webhooks else None,
            deliveries=self.receiver.deliveries() if self.webhooks else None,
        )

    def _all(self, path: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        while True:
            response = self.api.get(path, params={"limit": PAGE, "offset": len(found)})
            assert response.status_code == 200, f"{path}: {response.status_code} {response.text}"
            page = response.json()
            found += page["data"]
            if len(found) >= page["total"] or not page["data"]:
                return found

    def queue_problems(self, expected_parked: int) -> list[str]:
        depths = queue_depths(self.stack.isolation.vhost)
        return invariants.drain_problems(
            depths,
            work_queues(self.workers),
            delay_queues(depths, self.workers),
            parking_queues(self.workers),
            expected_parked,
        )

    def lasting_queue_problems(self, expected_parked: int, patience_s: float = 30) -> list[str]:
        """Queue problems that stay: the checks' own reads pass through the commands queues as requests."""
        with contextlib.suppress(TimedOut):
            eventually(lambda: not self.queue_problems(expected_parked), timeout=patience_s, interval=1)
        return self.queue_problems(expected_parked)

    def outbox_backlog(self) -> dict[str, int]:
        """Rows waiting in each service's outbox, read from its table as an auditor would."""
        database_url = self.stack.isolation.database_url
        return {
            service: query(database_url, f"SELECT count(*) FROM {service}.outbox")[0][0] for service in self.workers
        }

    def secrets(self) -> list[str]:
        cvvs = [f'"cvv":"{cvv}"' for cvv in CVVS]
        return [*CARDS, *cvvs, self.merchant["api_secret"], self.merchant["webhook_secret"]]

    def report(self, snapshot: Snapshot, settled_in: float) -> Report:
        deliveries = snapshot.deliveries
        return Report(
            payments=len(snapshot.payments),
            refunds=len(snapshot.refunds),
            events=len(snapshot.events),
            deliveries=None if deliveries is None else len(deliveries),
            webhook_ids=None if deliveries is None else len({d.webhook_id for d in deliveries}),
            answers=dict(sorted(self.answers.by_status.items())),
            gave_up=sum(len(j.gave_up) for j in self.traffic.journeys),
            settled_in_s=round(settled_in, 1),
        )

"""What must hold after any fault, checked from the API, the broker's event record and the merchant's receiver.

Each check returns the problems it found (empty when the invariant holds), so a failing run
lists every broken promise at once instead of the first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from paygate_shared.messaging.envelope import Envelope
from tests.faults.receiver import Delivery
from tests.faults.traffic import Journey

EXCEEDS = "Refund amount exceeds available amount"


@dataclass(frozen=True)
class Snapshot:
    """The system as the merchant and an auditor see it once the run has settled."""

    payments: list[dict[str, Any]]
    refunds: list[dict[str, Any]]
    events: list[Envelope]  # the merchant's, as published on paygate.events
    webhook_log: list[dict[str, Any]] | None  # None when the webhooks service is not part of the system
    deliveries: list[Delivery] | None

    def payment(self, payment_id: str) -> dict[str, Any] | None:
        return next((p for p in self.payments if p["id"] == payment_id), None)


def payment_problems(journeys: Iterable[Journey], snapshot: Snapshot) -> list[str]:
    """Every 201 has exactly one payment, ids are unique, nothing exists that nobody asked for, all are final."""
    problems = []
    ids = Counter(p["id"] for p in snapshot.payments)
    problems += [f"payment id {pid} listed {n} times" for pid, n in ids.items() if n > 1]
    per_order = defaultdict(list)
    for payment in snapshot.payments:
        per_order[payment["order_id"]].append(payment["id"])
    ours = set()
    for journey in journeys:
        ours.add(journey.order_id)
        found = per_order.get(journey.order_id, [])
        if journey.payment is not None and found != [journey.payment["id"]]:
            problems.append(f"order {journey.order_id} answered 201 {journey.payment['id']} but has payments {found}")
        if journey.payment is None and not journey.unanswered_payment and found:
            problems.append(f"order {journey.order_id} got no payment but has {found}")
        if journey.unanswered_payment and len(found) > 1:
            problems.append(f"order {journey.order_id} (no key, no answer) has {len(found)} payments")
    problems += [
        f"payment {ids_} for an order nobody paid: {order}" for order, ids_ in per_order.items() if order not in ours
    ]
    problems += [
        f"payment {p['id']} still {p['status']}" for p in snapshot.payments if p["status"] not in ("success", "failed")
    ]
    for journey in journeys:
        if journey.captured:
            listed = snapshot.payment(journey.payment["id"])
            if listed is None or not listed["captured"]:
                problems.append(f"payment {journey.payment['id']} was captured but is not shown captured")
    return problems


def refund_problems(journeys: Iterable[Journey], snapshot: Snapshot) -> list[str]:
    """Refunds never exceed their payment, each 201 is one refund, all are processed and counted on the payment."""
    problems = []
    by_payment = defaultdict(list)
    for refund in snapshot.refunds:
        by_payment[refund["payment_id"]].append(refund)
    for journey in journeys:
        if journey.payment is None:
            continue
        payment = snapshot.payment(journey.payment["id"]) or {}
        refunds = by_payment.get(journey.payment["id"], [])
        created = {r["id"] for r in journey.refunds}
        listed = {r["id"] for r in refunds}
        if listed != created:
            problems.append(f"payment {journey.payment['id']}: refunds answered 201 {created}, listed {listed}")
        total = sum(r["amount"] for r in refunds)
        if total > journey.amount:
            problems.append(f"payment {journey.payment['id']} of {journey.amount} refunded {total}")
        if payment.get("amount_refunded") != sum(r["amount"] for r in refunds if r["status"] == "processed"):
            problems.append(f"payment {journey.payment['id']} shows amount_refunded {payment.get('amount_refunded')}")
        problems += [f"refund {r['id']} still {r['status']}" for r in refunds if r["status"] != "processed"]
        refused = any(reason == EXCEEDS for _amount, reason in journey.refused_refunds)
        if journey.over_refund and journey.final_status == "success" and not refused:
            problems.append(f"payment {journey.payment['id']}: a refund above what is left was not refused")
    return problems


def _subject(event_type: str, payload: dict[str, Any]) -> str:
    thing = payload.get("payment") or payload.get("refund") or {}
    return thing.get("id", "")


def expected_events(snapshot: Snapshot) -> Counter[tuple[str, str]]:
    """(event, payment or refund id) -> how many distinct events the final state implies (always 1)."""
    expected: Counter[tuple[str, str]] = Counter()
    for payment in snapshot.payments:
        expected[("payment.created", payment["id"])] = 1
        expected[("payment.pending", payment["id"])] = 1
        expected[(f"payment.{payment['status']}", payment["id"])] = 1
        if payment["captured"]:
            expected[("payment.captured", payment["id"])] = 1
    for refund in snapshot.refunds:
        expected[("refund.created", refund["id"])] = 1
        expected[("refund.processed", refund["id"])] = 1
    return expected


def event_problems(snapshot: Snapshot) -> list[str]:
    """No transition happens twice: each state change was published as exactly one event (one message id)."""
    ids_by_subject: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event in snapshot.events:
        ids_by_subject[(event.type, _subject(event.type, event.payload))].add(event.message_id)
    published = Counter({subject: len(ids) for subject, ids in ids_by_subject.items()})
    return _compare("published", expected_events(snapshot), published)


def webhook_problems(snapshot: Snapshot, secret: str) -> list[str]:
    """Every event reached the receiver under one webhook-id, with one signed body however often it came."""
    if snapshot.deliveries is None:
        return []
    problems = []
    by_id: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in snapshot.deliveries:
        by_id[delivery.webhook_id].append(delivery)
    ids_by_subject: dict[tuple[str, str], set[str]] = defaultdict(set)
    for webhook_id, copies in by_id.items():
        if len({copy.body for copy in copies}) != 1:
            problems.append(f"webhook {webhook_id} arrived with {len({c.body for c in copies})} different bodies")
        for copy in copies:
            problems += [f"webhook {webhook_id}: {p}" for p in copy.signature_problems(secret)]
        ids_by_subject[copies[0].subject()].add(webhook_id)
    received = Counter({subject: len(ids) for subject, ids in ids_by_subject.items()})
    problems += _compare("delivered", expected_events(snapshot), received)
    if snapshot.webhook_log is not None:
        logged = {entry["id"]: entry for entry in snapshot.webhook_log}
        if set(logged) != set(by_id):
            problems.append(f"log and receiver disagree: {len(set(logged) ^ set(by_id))} ids in only one of them")
        problems += [f"log entry {i} is {e['status']}" for i, e in logged.items() if e["status"] != "success"]
    return problems


def _compare(what: str, expected: Counter, seen: Counter) -> list[str]:
    problems = []
    for subject in sorted(set(expected) | set(seen)):
        if expected[subject] != seen[subject]:
            problems.append(f"{subject[0]} of {subject[1]} {what} {seen[subject]} times, expected {expected[subject]}")
    return problems


def drain_problems(
    depths: dict[str, int], work: Iterable[str], delays: Iterable[str], parking: Iterable[str], expected_parked: int
) -> list[str]:
    """Every work and delay queue empty; parking holds exactly what the test put there on purpose."""
    problems = [f"{name} holds {depths.get(name)}" for name in [*work, *delays] if depths.get(name, 0) != 0]
    parked = {name: depths.get(name, 0) for name in parking if depths.get(name, 0)}
    if sum(parked.values()) != expected_parked:
        problems.append(f"parking holds {parked}, expected {expected_parked} message(s)")
    return problems


def outbox_problems(backlog: dict[str, int]) -> list[str]:
    return [f"{waiting} message(s) wait in the outbox of {service}" for service, waiting in backlog.items() if waiting]


def secret_problems(logs: str, secrets: Iterable[str]) -> list[str]:
    """Card numbers, CVVs in their field, API and webhook secrets: none may appear in any log line."""
    compact = logs.replace(" ", "")
    return [
        f"a log line contains {secret[:4]}…" for secret in secrets if secret and (secret in logs or secret in compact)
    ]

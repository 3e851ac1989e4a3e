"""What a merchant's receiver got, matched against the payments a load created."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.receiver import Receiver

#: the webhooks every successful payment sends, in the order they are emitted
PAYMENT_EVENTS = ("payment.created", "payment.pending", "payment.success")


@dataclass
class Deliveries:
    expected: int
    missing: int
    duplicates: int  # deliveries of a webhook-id already received (retries after a lost answer)
    lags_s: list[float] = field(default_factory=list)  # first arrival minus the moment the payment was created
    last_arrival: float | None = None


def match(created: Sequence[tuple[str, float]], received: Sequence[tuple]) -> Deliveries:
    """`created` holds (payment id, epoch its creation was answered); `received` the receiver's records."""
    created_at = dict(created)
    first_arrival: dict[tuple[str, str], float] = {}
    seen = Counter()
    for event, payment_id, webhook_id, arrived in received:
        seen[webhook_id] += 1
        key = (payment_id, event)
        if payment_id in created_at and event in PAYMENT_EVENTS and key not in first_arrival:
            first_arrival[key] = arrived
    expected = len(created_at) * len(PAYMENT_EVENTS)
    lags = [arrived - created_at[payment_id] for (payment_id, _), arrived in first_arrival.items()]
    return Deliveries(
        expected=expected,
        missing=expected - len(first_arrival),
        duplicates=sum(count - 1 for count in seen.values()),
        lags_s=lags,
        last_arrival=max(first_arrival.values(), default=None),
    )


def await_deliveries(
    receiver: Receiver, label: str, created: Sequence[tuple[str, float]], timeout_s: float
) -> Deliveries:
    """Poll the receiver until every expected webhook arrived or `timeout_s` passed; the last match either way."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = match(created, receiver.deliveries(label))
        if not found.missing or time.monotonic() > deadline:
            return found
        time.sleep(0.5)

"""Replaying a merchant's failed deliveries of a time range: each is reset and delivered again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from paygate_shared.contracts.webhooks import ReplayFailedWebhooks
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from paygate_shared.timefmt import iso
from tests.webhooks.unit.fakes import unreachable, with_url, world
from webhooks.handlers.retry_webhook import replay_failed_webhooks

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
OTHER = "9b2d6f10-4c1e-4b7a-8f3a-1d2e3f4a5b6c"


def fail_everything(w, merchant: str, event_id: str):
    entry = w.log_event(merchant, event_id, "payment.failed", {"payment": {"id": "pay_1"}})
    w.sender.result = unreachable()
    w.run_jobs()
    return w.db.entries[entry.id]


def replay(since, until, merchant: str = MERCHANT) -> Envelope:
    payload = {"merchant_id": merchant, "since": since, "until": until}
    return Envelope(type=ReplayFailedWebhooks.TYPE, payload=payload)


def test_only_the_merchants_failed_entries_inside_the_range_are_replayed():
    w = world()
    with_url(w, MERCHANT)
    with_url(w, OTHER)
    mine = fail_everything(w, MERCHANT, "evt-1")
    theirs = fail_everything(w, OTHER, "evt-2")
    w.db.jobs.clear()
    created = mine.created_at

    inside = replay_failed_webhooks(
        replay(iso(created - timedelta(minutes=1)), iso(created + timedelta(minutes=1))), w.deps
    )
    before = replay_failed_webhooks(
        replay(iso(created - timedelta(hours=2)), iso(created - timedelta(hours=1))), w.deps
    )

    assert inside == {"replayed": [mine.id]}
    assert before == {"replayed": []}
    assert (w.db.entries[mine.id].status, w.db.entries[mine.id].attempts) == ("pending", 0)
    assert w.db.entries[theirs.id].status == "failed"
    assert len(w.db.jobs) == 1


@pytest.mark.parametrize(
    ("since", "until"), [("yesterday", "2030-01-01T00:00:00Z"), ("2020-01-01T00:00:00", "2030-01-01T00:00:00Z")]
)
def test_a_time_that_is_not_iso_8601_with_a_zone_is_refused(since, until):
    w = world()
    with_url(w, MERCHANT)

    with pytest.raises(CommandRejected) as refused:
        replay_failed_webhooks(replay(since, until), w.deps)

    assert refused.value.status == 400

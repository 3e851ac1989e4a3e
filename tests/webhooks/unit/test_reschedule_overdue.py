"""The sweep gives overdue pending entries a new job; entries on time, settled or in flight are left alone."""

from __future__ import annotations

from datetime import timedelta

from tests.webhooks.unit.fakes import with_url, world
from webhooks.domain.delivery_job import DeliveryJob
from webhooks.handlers.deliver_webhook import attempt_delivery
from webhooks.handlers.reschedule_overdue import OVERDUE_GRACE, reschedule_overdue

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"


def test_an_entry_whose_job_was_lost_gets_a_new_one_that_delivers_it():
    w = world()
    with_url(w, MERCHANT)
    entry = w.log_event(MERCHANT, "evt-1")
    w.db.jobs.clear()  # the job message is lost
    w.clock.advance((OVERDUE_GRACE + timedelta(seconds=1)).total_seconds())

    assert reschedule_overdue(w.deps) == 1

    [(job, delay_ms)] = w.db.jobs
    assert (job.log_id, delay_ms) == (entry.id, 0)
    assert job.job_id != entry.job_id
    attempt_delivery(job, w.deps)
    assert w.db.entries[entry.id].status == "success"


def test_the_lost_job_turning_up_late_after_all_sends_nothing():
    w = world()
    with_url(w, MERCHANT)
    entry = w.log_event(MERCHANT, "evt-1")
    w.clock.advance((OVERDUE_GRACE + timedelta(seconds=1)).total_seconds())
    reschedule_overdue(w.deps)

    attempt_delivery(DeliveryJob.of(entry), w.deps)

    assert w.sender.sent == []


def test_entries_within_the_grace_settled_or_claimed_are_left_alone():
    w = world()
    with_url(w, MERCHANT)
    on_time = w.log_event(MERCHANT, "evt-on-time")
    settled = w.log_event(MERCHANT, "evt-settled")
    attempt_delivery(DeliveryJob.of(settled), w.deps)
    claimed = w.log_event(MERCHANT, "evt-claimed")
    now = w.clock()
    w.deps.unit_of_work().log.claim(claimed.id, claimed.job_id, now, now + timedelta(hours=1))
    w.clock.advance(OVERDUE_GRACE.total_seconds() - 1)
    assert reschedule_overdue(w.deps) == 0

    w.clock.advance(2)

    assert reschedule_overdue(w.deps) == 1
    assert w.db.jobs[-1][0].log_id == on_time.id

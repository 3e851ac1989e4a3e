"""process_refund with fakes: processed once however often the job arrives, and never lost."""

from __future__ import annotations

import pytest

from paygate_shared.messaging.errors import PermanentError


def test_processing_marks_the_refund_processed_once_even_when_the_job_is_delivered_twice(refunds):
    refund = refunds.create(2500)
    refunds.clock.advance(1)

    refunds.process(refund["id"])
    refunds.clock.advance(5)
    refunds.process(refund["id"])

    stored = refunds.uow.refunds.rows[refund["id"]]
    assert stored.status == "processed"
    assert refunds.event_types() == ["refund.created", "refund.processed"]
    assert refunds.uow.events[-1].payload["refund"] == stored.to_api()
    assert stored.to_api()["processed_at"] == "2026-01-15T10:31:01Z"


def test_a_job_for_an_unknown_refund_is_parked(refunds):
    with pytest.raises(PermanentError):
        refunds.process("rfnd_AAAAAAAAAAAAAAAA")


def test_the_sweep_gives_an_overdue_pending_refund_a_new_job_and_leaves_the_rest(refunds):
    overdue = refunds.create(100)
    refunds.clock.advance(60)
    recent = refunds.create(100)
    done = refunds.create(100)
    refunds.process(done["id"])
    refunds.uow.jobs.clear()

    refunds.sweep()
    refunds.sweep()

    assert [(job.payload["refund_id"], delay) for job, delay in refunds.uow.jobs] == [(overdue["id"], 0)]
    assert {recent["id"], done["id"]}.isdisjoint(job.payload["refund_id"] for job, _ in refunds.uow.jobs)


def test_a_refund_processed_after_the_sweep_rescheduled_it_is_still_processed_once(refunds):
    refund = refunds.create(100)
    refunds.clock.advance(60)
    refunds.sweep()

    jobs = [job for job, _delay in refunds.uow.jobs]
    for job in jobs:
        refunds.send(job)

    assert [job.payload["refund_id"] for job in jobs] == [refund["id"], refund["id"]]
    assert refunds.event_types().count("refund.processed") == 1

"""The payments sweep with fakes: a pending payment whose job was lost gets a new one and is still decided once."""

from __future__ import annotations

from tests.payments.unit.wiring import NOW, create, periodic, process, wire
from tests.support.clock import Clock


def sweep(uow, clock) -> None:
    for task in periodic(uow, clock):
        task.run()


def test_the_sweep_gives_an_overdue_pending_payment_a_new_job_and_leaves_the_rest():
    clock = Clock(NOW)
    uow, handlers = wire(clock=clock)
    overdue = create(handlers, order_id="order_A")
    clock.advance(60)
    recent = create(handlers, order_id="order_B")
    done = create(handlers, order_id="order_C")
    process(handlers, done["id"])
    uow.jobs.clear()

    sweep(uow, clock)
    sweep(uow, clock)

    assert [(job.payload["payment_id"], delay) for job, delay in uow.jobs] == [(overdue["id"], 0)]
    assert {recent["id"], done["id"]}.isdisjoint(job.payload["payment_id"] for job, _ in uow.jobs)


def test_a_payment_whose_lost_job_turns_up_after_the_sweep_is_decided_once():
    clock = Clock(NOW)
    uow, handlers = wire(clock=clock)
    payment = create(handlers)
    clock.advance(60)
    sweep(uow, clock)

    for job, _delay in uow.jobs:
        process(handlers, job.payload["payment_id"])

    assert [job.payload["payment_id"] for job, _ in uow.jobs] == [payment["id"], payment["id"]]
    assert [e.type for e in uow.events].count("payment.success") == 1

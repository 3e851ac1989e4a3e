"""The control run: with nothing broken, every invariant the fault scenarios check holds."""

from __future__ import annotations

from tests.faults.harness import FaultRun


def test_with_nothing_broken_every_payment_refund_event_and_webhook_is_accounted_for(fault_stack, fault_payments):
    with FaultRun(fault_stack, payments=fault_payments) as run:
        run.start()
        report = run.finish()

    assert report.payments == fault_payments

"""The control run: with nothing broken, every invariant the fault scenarios check holds."""

from __future__ import annotations

import pytest

from tests.faults.harness import FaultRun


# every quick scenario checks the same invariants with its fault: `make test-faults` runs the control
@pytest.mark.slow_faults
def test_with_nothing_broken_every_payment_refund_event_and_webhook_is_accounted_for(fault_stack, fault_payments):
    with FaultRun(fault_stack, payments=fault_payments) as run:
        run.start()
        report = run.finish()

    assert report.payments == fault_payments

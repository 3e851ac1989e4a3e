"""PostgreSQL stopped for 15 s under traffic: the API says 503, nothing is acknowledged that was not written."""

from __future__ import annotations

import time

import pytest
import requests

from tests.faults.harness import FaultRun
from tests.support.waiting import eventually

OUTAGE_S = 15

# outages of the machine's shared servers: `make test-faults` runs them, `make test` stays within its budget
pytestmark = pytest.mark.slow_faults


def test_postgres_stopped_for_fifteen_seconds_under_traffic_answers_503_and_loses_nothing(
    fault_stack, fault_payments, shared_infrastructure
):
    with FaultRun(fault_stack, payments=fault_payments) as run:
        run.start()
        run.wait_for_payments(fault_payments // 3)
        refused_before = run.answers.count(503)
        with shared_infrastructure.postgres_stopped():
            eventually(lambda: run.answers.count(503) > refused_before, timeout=30, what="the API to answer 503")
            health = requests.get(f"{fault_stack.base_url}/health", timeout=20)
            time.sleep(OUTAGE_S)  # the outage itself: traffic keeps coming while the database is away
        fault_stack.wait_until_healthy(timeout=120)
        report = run.finish()

    assert health.status_code == 503 and health.json()["database"] == "disconnected"
    assert report.answers.get(503, 0) > refused_before
    print(f"postgres stopped {OUTAGE_S}s: {report}")

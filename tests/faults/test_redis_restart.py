"""Redis restarted empty: idempotency still holds through PostgreSQL, and job status comes back by itself."""

from __future__ import annotations

import pytest

from tests.faults.harness import FaultRun
from tests.support.waiting import eventually

# outages of the machine's shared servers: `make test-faults` runs them, `make test` stays within its budget
pytestmark = pytest.mark.slow_faults


def job_status(session) -> dict:
    return session.get("/api/v1/test/jobs/status").json()


def test_redis_restarted_empty_keeps_idempotency_and_job_status_recovers(
    fault_stack, fault_payments, shared_infrastructure
):
    merchant = fault_stack.session()
    order = merchant.post("/api/v1/orders", json={"amount": 25_000}).json()
    body = {"order_id": order["id"], "method": "upi", "vpa": "before.restart@okaxis"}
    first = merchant.post("/api/v1/payments", json=body, headers={"Idempotency-Key": f"{order['id']}-pay"})
    assert first.status_code == 201, first.text
    with FaultRun(fault_stack, payments=fault_payments) as run:
        run.start()
        run.wait_for_payments(fault_payments // 3)
        with shared_infrastructure.redis_stopped_without_saving():
            eventually(lambda: job_status(merchant)["worker_status"] == "stopped", timeout=30, what="no heartbeats")
        again = merchant.post("/api/v1/payments", json=body, headers={"Idempotency-Key": f"{order['id']}-pay"})
        eventually(lambda: job_status(merchant)["worker_status"] == "running", timeout=30, what="heartbeats again")
        report = run.finish()

    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert merchant.get("/api/v1/payments", params={"order_id": order["id"]}).json()["total"] == 1
    eventually(lambda: job_status(merchant)["pending"] == 0, timeout=30, what="no pending jobs in the job status")
    print(f"redis restarted empty: {report}")

"""GET /api/v1/test/jobs/status counts real jobs, reported by the workers with their heartbeats."""

from __future__ import annotations

from tests.payments.support import pay, wait_final
from tests.support.waiting import eventually

# long enough that the pending payment is seen by several heartbeats
STACK_ENV = {"TEST_PROCESSING_DELAY": "6000"}


def test_job_status_counts_a_payment_from_pending_to_completed(separate_stack):
    api, anonymous = separate_stack.session(), separate_stack.session(headers={})

    def status():
        return anonymous.get("/api/v1/test/jobs/status").json()

    before = eventually(lambda: status()["worker_status"] == "running" and status(), what="workers running")
    assert {"pending", "processing", "completed", "failed", "worker_status"} <= set(before)

    payment = pay(api)
    eventually(lambda: status()["pending"] == before["pending"] + 1, what="the payment counted as pending")
    wait_final(api, payment["id"], timeout=30)

    eventually(
        lambda: status()["completed"] == before["completed"] + 1 and status()["pending"] == before["pending"],
        what="the payment counted as completed",
    )

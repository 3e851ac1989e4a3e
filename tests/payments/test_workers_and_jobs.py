"""Job status from worker heartbeats, and what happens while the payments worker is down."""

from __future__ import annotations

import time

from tests.payments.support import new_order, pay, upi_body, wait_final
from tests.support.waiting import eventually


def jobs(anonymous) -> dict:
    return anonymous.get("/api/v1/test/jobs/status").json()


def test_stopping_the_worker_shows_stopped_answers_503_and_a_restart_finishes_queued_payments(stack, api, anonymous):
    queued = [pay(api)["id"] for _ in range(3)]

    stack.stop("payments")
    eventually(lambda: jobs(anonymous)["worker_status"] == "stopped", timeout=10, what="worker_status stopped")
    assert anonymous.get("/health").json()["worker"] == "stopped"
    order = new_order(api)
    started = time.monotonic()
    refused = api.post("/api/v1/payments", json=upi_body(order["id"]))
    waited = time.monotonic() - started

    assert refused.status_code == 503
    assert refused.json()["error"]["code"] == "SERVICE_UNAVAILABLE"
    assert waited < float(stack.env["RPC_TIMEOUT"]) + 3

    stack.start("payments")
    stack.wait_until_healthy()
    for payment_id in queued:
        assert wait_final(api, payment_id)["status"] == "success"
    assert api.get("/api/v1/payments", params={"order_id": order["id"]}).json()["total"] == 0


def test_card_numbers_and_cvvs_reach_no_log_line_and_no_table(stack, api):
    import subprocess

    number, cvv = "4012888888881881", "987"
    order = new_order(api)
    body = {
        "order_id": order["id"],
        "method": "card",
        "card": {"number": number, "expiry_month": 11, "expiry_year": 2031, "cvv": cvv, "holder_name": "X"},
    }
    created = api.post("/api/v1/payments", json=body).json()
    wait_final(api, created["id"])

    dump = subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", stack.isolation.database],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert created["id"] in dump
    assert number not in dump and number not in stack.all_logs()
    assert f'"cvv":"{cvv}"' not in dump.replace(" ", "") and f'"cvv": "{cvv}"' not in stack.all_logs()

"""Every process exposes Prometheus metrics; the counters move with the work done."""

from __future__ import annotations

from tests.payments.support import new_order, upi_body, wait_final
from tests.support.waiting import eventually


def metric(text: str, name: str, **labels: str) -> float:
    """Sum of the samples of `name` whose labels include `labels`."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        series, value = line.rsplit(" ", 1)
        if series.split("{")[0] != name:
            continue
        if all(f'{key}="{val}"' in series for key, val in labels.items()):
            total += float(value)
    return total


def test_twenty_payments_move_the_gateway_and_payments_counters_by_twenty(stack, api):
    gateway_before, payments_before = stack.metrics("gateway"), stack.metrics("payments")
    order = new_order(api)

    created = [api.post("/api/v1/payments", json=upi_body(order["id"])).json() for _ in range(20)]
    for payment in created:
        wait_final(api, payment["id"])

    gateway_after = stack.metrics("gateway")
    route = {"route": "/api/v1/payments", "method": "POST", "status": "201"}
    assert (
        metric(gateway_after, "paygate_http_requests_total", **route)
        - metric(gateway_before, "paygate_http_requests_total", **route)
        == 20
    )

    def processed():
        after = stack.metrics("payments")
        moved = {
            kind: metric(after, "paygate_jobs_processed_total", type=kind, outcome="ok")
            - metric(payments_before, "paygate_jobs_processed_total", type=kind, outcome="ok")
            for kind in ("create_payment", "process_payment")
        }
        return moved if moved["create_payment"] == 20 and moved["process_payment"] >= 20 else None

    eventually(processed, what="payments counters moved by 20")
    assert metric(stack.metrics("payments"), "paygate_job_duration_seconds_count", type="create_payment") >= 20


def test_workers_report_queue_depths_outbox_backlog_parking_and_heartbeats(stack):
    text = eventually(
        lambda: (t := stack.metrics("payments")) and "paygate_queue_depth" in t and t, what="observed queues"
    )

    for name in (
        "paygate_queue_depth",
        "paygate_parked_messages",
        "paygate_outbox_backlog",
        "paygate_outbox_oldest_age_seconds",
        "paygate_worker_heartbeat_timestamp_seconds",
        "paygate_worker_in_flight",
    ):
        assert name in text, name
    assert 'queue="payments.jobs"' in text

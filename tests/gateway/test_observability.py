"""Request ids, Prometheus metrics and readiness."""

from __future__ import annotations

import json
import re
import uuid

from tests.payments.support import wait_final
from tests.support.waiting import eventually
from tests.webhooks.conftest import create_merchant
from tests.webhooks.receiver import Receiver


def counter(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        if all(f'{key}="{value}"' in line for key, value in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_every_answer_carries_a_request_id_and_a_sane_client_id_is_kept(anonymous):
    generated = anonymous.get("/health").headers["X-Request-Id"]
    kept = anonymous.get("/health", headers={"X-Request-Id": "client-id-123"}).headers["X-Request-Id"]
    replaced = anonymous.get("/health", headers={"X-Request-Id": "bad id with spaces"}).headers["X-Request-Id"]

    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert kept == "client-id-123"
    assert replaced != "bad id with spaces"


def test_metrics_count_requests_by_route_and_status(api, anonymous):
    before = anonymous.get("/metrics").text
    for _ in range(5):
        api.post("/api/v1/orders", json={"amount": 500})
    api.post("/api/v1/orders", json={"amount": 5})

    after = anonymous.get("/metrics").text

    route = {"route": "/api/v1/orders", "method": "POST"}
    assert (
        counter(after, "paygate_http_requests_total", status="201", **route)
        - counter(before, "paygate_http_requests_total", status="201", **route)
        == 5
    )
    assert (
        counter(after, "paygate_http_requests_total", status="400", **route)
        - counter(before, "paygate_http_requests_total", status="400", **route)
        == 1
    )
    assert "paygate_http_request_duration_seconds_bucket" in after


def test_ready_says_the_instance_can_take_traffic(anonymous):
    response = anonymous.get("/ready")

    assert response.status_code == 200
    assert response.json() == {"ready": True}


def test_one_payment_is_followed_by_its_request_id_through_every_process_and_the_webhook_log(stack):
    merchant = create_merchant(stack)
    request_id = f"follow-{uuid.uuid4().hex[:12]}"
    with Receiver(status=lambda n: 200) as receiver:
        merchant.point_webhooks_at(receiver.url)
        order = merchant.api.post("/api/v1/orders", json={"amount": 900}).json()
        created = merchant.api.post(
            "/api/v1/payments",
            json={"order_id": order["id"], "method": "upi", "vpa": "a@okaxis"},
            headers={"X-Request-Id": request_id},
        ).json()
        wait_final(merchant.api, created["id"])
        entries = eventually(
            lambda: [e for e in merchant.log(payment_id=created["id"]) if e["status"] == "success"],
            what="the payment's webhooks delivered",
        )

    assert {entry["correlation_id"] for entry in entries} == {request_id}
    for process in ("gateway", "payments", "webhooks"):
        lines = [line for line in stack.log(process).splitlines() if request_id in line]
        assert lines, f"no {process} log line carries the request id"
        assert all(json.loads(line)["correlation_id"] == request_id for line in lines if line.startswith("{"))
    assert any(created["id"] in line for line in stack.log("payments").splitlines() if request_id in line)

"""Request ids, Prometheus metrics and readiness."""

from __future__ import annotations

import re

from tests.payments.support import wait_final


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


def test_a_payment_can_be_followed_by_its_request_id_into_the_payments_service(stack, api):
    request_id = "follow-me-0001"
    order = api.post("/api/v1/orders", json={"amount": 900}).json()
    created = api.post(
        "/api/v1/payments",
        json={"order_id": order["id"], "method": "upi", "vpa": "a@okaxis"},
        headers={"X-Request-Id": request_id},
    ).json()
    wait_final(api, created["id"])

    payments_lines = [line for line in stack.log("payments").splitlines() if request_id in line]
    assert any(created["id"] in line for line in payments_lines)

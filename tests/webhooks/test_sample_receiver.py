"""`python -m webhooks receiver`: the receiver merchants can try deliveries with verifies and prints them."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import requests

from tests.support.stack import free_port
from tests.support.waiting import eventually


def _start_receiver(secret: str, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "webhooks", "receiver", "--secret", secret, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert "listening" in process.stderr.readline()
    return process


def test_the_sample_receiver_verifies_and_prints_a_delivered_event(new_merchant):
    merchant = new_merchant()
    port = free_port()
    receiver = _start_receiver(merchant.webhook_secret, port)
    try:
        merchant.point_webhooks_at(f"http://127.0.0.1:{port}/")
        entry = merchant.api.post("/api/v1/webhooks/test").json()

        line = json.loads(receiver.stdout.readline())
        eventually(lambda: merchant.entry(entry["id"])["status"] == "success", what="the delivery answered 200")
    finally:
        receiver.terminate()
        receiver.wait(timeout=10)

    assert line["verified"] is True
    assert line["webhook_id"] == entry["id"]
    assert line["event"] == "webhook.test"


def test_the_sample_receiver_rejects_a_forged_signature():
    port = free_port()
    receiver = _start_receiver("whsec_test_abc123", port)
    try:
        response = requests.post(
            f"http://127.0.0.1:{port}/",
            data=b'{"event":"payment.success"}',
            headers={
                "X-Webhook-Signature": "0" * 64,
                "webhook-id": "forged",
                "webhook-timestamp": str(int(time.time())),
                "webhook-signature": "v1,Zm9yZ2Vk",
            },
            timeout=5,
        )
        line = json.loads(receiver.stdout.readline())
    finally:
        receiver.terminate()
        receiver.wait(timeout=10)

    assert response.status_code == 401
    assert line["verified"] is False
    assert len(line["problems"]) == 2

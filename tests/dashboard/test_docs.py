"""API docs: three sections whose snippets work as printed, with the merchant's own credentials."""

from __future__ import annotations

import hashlib
import hmac
import html as html_lib
import json
import re

import pytest


def _snippet(page: str, hook: str) -> str:
    found = re.search(rf'data-test-id="{hook}"><code>(.*?)</code></pre>', page, re.DOTALL)
    return html_lib.unescape(found.group(1))


@pytest.fixture
def docs(merchant) -> str:
    return merchant.get("/dashboard/docs").get_data(as_text=True)


def test_the_page_has_the_three_sections_and_their_snippets(docs):
    assert 'data-test-id="api-docs"' in docs
    for section in ("section-create-order", "section-sdk-integration", "section-webhook-verification"):
        assert f'data-test-id="{section}"' in docs
    for snippet in ("code-snippet-create-order", "code-snippet-sdk", "code-snippet-webhook"):
        assert f'data-test-id="{snippet}"' in docs


def test_the_create_order_snippet_uses_the_merchants_own_credentials(docs):
    curl = _snippet(docs, "code-snippet-create-order")

    assert curl.startswith("curl -X POST http://localhost:8000/api/v1/orders")
    assert '-H "X-Api-Key: key_test_abc123"' in curl and '-H "X-Api-Secret: secret_test_xyz789"' in curl
    body = re.search(r"-d '(.*)'", curl).group(1)
    assert json.loads(body)["amount"] == 50000


def test_the_sdk_snippet_loads_checkout_js_and_opens_it_with_the_key(docs):
    sdk = _snippet(docs, "code-snippet-sdk")

    assert '<script src="http://localhost:3001/checkout.js"></script>' in sdk
    assert 'key: "key_test_abc123"' in sdk and "new PaymentGateway({" in sdk and "checkout.open();" in sdk


def test_the_page_links_to_the_swagger_ui(docs):
    assert 'href="http://localhost:8000/docs"' in docs


def test_the_python_verification_snippet_accepts_a_signed_body_and_rejects_a_forged_one(docs, monkeypatch):
    monkeypatch.setenv("PAYGATE_WEBHOOK_SECRET", "whsec_test_abc123")
    namespace: dict = {"__name__": "merchant_receiver"}
    exec(compile(_snippet(docs, "code-snippet-webhook-python"), "snippet.py", "exec"), namespace)
    receiver = namespace["app"].test_client()
    body = b'{"event":"payment.success","timestamp":1705314660,"data":{"payment":{"id":"pay_x"}}}'
    signature = hmac.new(b"whsec_test_abc123", body, hashlib.sha256).hexdigest()

    signed = receiver.post("/webhooks/paygate", data=body, headers={"X-Webhook-Signature": signature})
    forged = receiver.post("/webhooks/paygate", data=body, headers={"X-Webhook-Signature": "0" * 64})

    assert (signed.status_code, forged.status_code) == (200, 401)


def test_the_node_verification_snippet_computes_the_same_signature(docs):
    node = _snippet(docs, "code-snippet-webhook-node")

    assert 'crypto.createHmac("sha256", secret).update(req.body).digest("hex")' in node
    assert 'express.raw({ type: "application/json" })' in node
    assert "crypto.timingSafeEqual" in node

"""The verification snippets merchants copy from the service's README accept Paygate's signatures, and only those."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from webhooks.domain.signing import signed_headers

README = Path(__file__).resolve().parents[3] / "services" / "webhooks" / "README.md"
BODY = '{"event":"payment.success","timestamp":1705314660,"data":{"payment":{"id":"pay_1","vpa":"राम@upi"}}}'.encode()
SECRETS = ["whsec_test_abc123", "whsec_dGhpcyBpcyBhIHRlc3Qgc2VjcmV0IGtleSAzMmI="]


def snippet(language: str) -> str:
    return re.search(rf"```{language}\n(.*?)```", README.read_text(), re.DOTALL).group(1)


def signed(secret: str) -> dict[str, str]:
    return signed_headers(secret, "0d4f5a2e-5d55-5a4e-9c1b-2f0c1e4a8b11", int(time.time()), BODY)


def tampered(secret: str) -> list[tuple[bytes, dict[str, str]]]:
    headers = signed(secret)
    return [
        (BODY + b" ", headers),
        (BODY, {**headers, "webhook-id": "another"}),
        (BODY, {**headers, "webhook-timestamp": str(int(time.time()) - 3600)}),
        (BODY, {**headers, "X-Webhook-Signature": "0" * 64}),
    ]


class CaseInsensitive(dict):
    def get(self, name, default=None):
        return next((value for key, value in self.items() if key.lower() == name.lower()), default)


@pytest.mark.parametrize("secret", SECRETS)
def test_the_python_snippet_verifies_a_delivery_and_rejects_tampering(secret):
    namespace: dict = {}
    exec(snippet("python"), namespace)
    verify = namespace["verify_paygate_webhook"]

    assert verify(BODY, CaseInsensitive(signed(secret)), secret)
    for body, headers in tampered(secret):
        assert not verify(body, CaseInsensitive(headers), secret)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
@pytest.mark.parametrize("secret", SECRETS)
def test_the_node_snippet_verifies_a_delivery_and_rejects_tampering(secret):
    cases = [(BODY, signed(secret)), *tampered(secret)]
    harness = snippet("js") + (
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "console.log(JSON.stringify(cases.map(([body, headers, secret]) => verifyPaygateWebhook("
        "Buffer.from(body, 'utf8'), Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),"
        " secret))));\n"
    )
    stdin = json.dumps([[body.decode(), headers, secret] for body, headers in cases])

    node = subprocess.run(["node", "-e", harness], input=stdin, capture_output=True, text=True, timeout=30, check=True)

    assert json.loads(node.stdout) == [True] + [False] * (len(cases) - 1)

"""The gateway client against a small local HTTP server: what it sends, and how failures read."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dashboard.api_client import (
    TOO_SLOW,
    UNAVAILABLE,
    UNREACHABLE,
    ApiCredentials,
    GatewayClient,
    GatewayError,
    SignedOut,
)
from tests.support.stack import free_port


class FakeApi(ThreadingHTTPServer):
    """Answers every request with `answer` (status, body) and remembers what it was sent."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answer: tuple[int, object] = (200, {})
        self.requests: list[dict] = []
        self.release = threading.Event()  # set to let a held request finish
        self.hold = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeApi

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append(
            {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": self.rfile.read(length)}
        )
        if self.server.hold:
            self.server.release.wait(timeout=10)
        status, body = self.server.answer
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def fake_api():
    server = FakeApi()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def client(fake_api) -> GatewayClient:
    return GatewayClient(fake_api.url, timeout_s=2).acting_as(ApiCredentials("key_1", "secret_1"))


def _error(code: str, description: str) -> dict:
    return {"error": {"code": code, "description": description}}


def test_calls_carry_the_merchants_credentials_and_only_the_filters_given(client, fake_api):
    fake_api.answer = (200, {"data": [], "total": 0, "limit": 20, "offset": 40})

    page = client.list_payments(limit=20, offset=40, status="failed")

    sent = fake_api.requests[0]
    assert sent["path"] == "/api/v1/payments?limit=20&offset=40&status=failed"
    assert (sent["headers"]["X-Api-Key"], sent["headers"]["X-Api-Secret"]) == ("key_1", "secret_1")
    assert (page.total, page.offset) == (0, 40)


def test_a_refund_sends_its_idempotency_key_and_paise(client, fake_api):
    fake_api.answer = (201, {"id": "rfnd_1"})

    client.create_refund("pay_1", 5000, "damaged", "key-123")

    sent = fake_api.requests[0]
    assert sent["headers"]["Idempotency-Key"] == "key-123"
    assert json.loads(sent["body"]) == {"amount": 5000, "reason": "damaged"}


def test_a_refused_request_reads_as_the_gateways_description(client, fake_api):
    fake_api.answer = (400, _error("BAD_REQUEST_ERROR", "Refund amount exceeds available amount"))

    with pytest.raises(GatewayError) as raised:
        client.create_refund("pay_1", 5000, None, None)

    assert (raised.value.message, raised.value.status, raised.value.page_status) == (
        "Refund amount exceeds available amount",
        400,
        400,
    )


def test_an_unavailable_service_reads_plainly(client, fake_api):
    fake_api.answer = (503, _error("SERVICE_UNAVAILABLE", "A service is unavailable; try again shortly"))

    with pytest.raises(GatewayError) as raised:
        client.webhook_config()

    assert (raised.value.message, raised.value.page_status) == (UNAVAILABLE, 503)


def test_a_server_error_never_shows_its_body(client, fake_api):
    fake_api.answer = (500, b"<html>Traceback (most recent call last)</html>")

    with pytest.raises(GatewayError) as raised:
        client.get_payment("pay_1")

    assert "Traceback" not in raised.value.message
    assert raised.value.page_status == 502


def test_refused_credentials_mean_the_session_has_ended(client, fake_api):
    fake_api.answer = (401, _error("AUTHENTICATION_ERROR", "Invalid API credentials"))

    with pytest.raises(SignedOut):
        client.list_refunds()


def test_a_wrong_sign_in_is_not_mistaken_for_an_ended_session(fake_api):
    fake_api.answer = (401, _error("AUTHENTICATION_ERROR", "Invalid email or password"))

    with pytest.raises(GatewayError) as raised:
        GatewayClient(fake_api.url, timeout_s=2).sign_in("a@example.com", "x")

    assert not isinstance(raised.value, SignedOut)
    assert raised.value.message == "Invalid email or password."


def test_an_unreachable_gateway_reads_plainly():
    client = GatewayClient(f"http://127.0.0.1:{free_port()}", timeout_s=2)

    with pytest.raises(GatewayError) as raised:
        client.list_payments()

    assert (raised.value.message, raised.value.page_status) == (UNREACHABLE, 503)


def test_a_gateway_slower_than_the_timeout_reads_plainly(fake_api):
    fake_api.hold = True
    client = GatewayClient(fake_api.url, timeout_s=0.3)

    with pytest.raises(GatewayError) as raised:
        client.list_payments()

    assert raised.value.message == TOO_SLOW

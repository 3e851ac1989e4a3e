"""Helpers for the dashboard's browser tests: signing in, the API paths a test needs, a webhook receiver."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.support.stack import Stack


def sign_in(page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_test_id("email-input").fill(email)
    page.get_by_test_id("password-input").fill(password)
    page.get_by_test_id("login-button").click()
    page.wait_for_url("**/dashboard")


def require_api(stack: Stack, *paths: str) -> None:
    """Skip while the gateway does not serve a path yet (it is built on another branch); never once it does."""
    spec = requests.get(f"{stack.base_url}/openapi.json", timeout=10).json()
    served = {re.sub(r"\{[^}]*\}", "{}", path) for path in spec["paths"]}
    missing = [path for path in paths if re.sub(r"\{[^}]*\}", "{}", path) not in served]
    if missing:
        pytest.skip(f"the gateway does not serve {', '.join(missing)} yet")


class WebhookReceiver(ThreadingHTTPServer):
    """A merchant's webhook endpoint on this machine: answers 200 while `accepting`, else 500, and keeps what came."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ReceiverHandler)
        self.accepting = True
        self.received: list[tuple[dict[str, str], bytes]] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/webhooks/paygate"

    def deliveries_of(self, webhook_id: str) -> list[tuple[dict[str, str], bytes]]:
        with self._lock:
            return [(headers, body) for headers, body in self.received if headers.get("webhook-id") == webhook_id]

    def record(self, headers: dict[str, str], body: bytes) -> None:
        with self._lock:
            self.received.append((headers, body))

    def __enter__(self) -> WebhookReceiver:
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()


class _ReceiverHandler(BaseHTTPRequestHandler):
    server: WebhookReceiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.record({k.lower(): v for k, v in self.headers.items()}, body)
        status = 200 if self.server.accepting else 500
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok" if status == 200 else b"no")

    def log_message(self, *_args) -> None:
        pass

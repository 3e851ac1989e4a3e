"""A merchant's webhook endpoint for fault runs: records every delivery exactly as it arrived, headers and raw body."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Delivery:
    headers: dict[str, str]  # names lower-cased
    body: bytes
    received_at: float

    @property
    def webhook_id(self) -> str:
        return self.headers.get("webhook-id", "")

    @property
    def event(self) -> dict[str, Any]:
        return json.loads(self.body)

    def subject(self) -> tuple[str, str]:
        """(event name, id of the payment or refund it is about)."""
        event = self.event
        data = event.get("data") or {}
        thing = data.get("payment") or data.get("refund") or {}
        return event.get("event", ""), thing.get("id", "")

    def signature_problems(self, secret: str) -> list[str]:
        """What a careful merchant would reject: either signature wrong."""
        found = []
        expected = hmac.new(secret.encode(), self.body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, self.headers.get("x-webhook-signature", "")):
            found.append("X-Webhook-Signature does not match the body")
        signed = f"{self.webhook_id}.{self.headers.get('webhook-timestamp', '')}.".encode() + self.body
        rest = secret.removeprefix("whsec_")
        try:
            key = base64.b64decode(rest, validate=True)
        except ValueError:
            key = rest.encode()
        standard = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        if standard not in self.headers.get("webhook-signature", "").split():
            found.append("webhook-signature does not match")
        return found


#: decides the HTTP status of each delivery; it may also act (e.g. kill a worker) before answering
Answer = Callable[[Delivery], int]


def always_ok(_delivery: Delivery) -> int:
    return 200


class FailFirstAttempts:
    """Answers 500 to the first `failures` attempts of every webhook, then 200: every event goes through retries."""

    def __init__(self, failures: int) -> None:
        self._failures = failures
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, delivery: Delivery) -> int:
        with self._lock:
            seen = self._seen[delivery.webhook_id] = self._seen.get(delivery.webhook_id, 0) + 1
        return 500 if seen <= self._failures else 200

    def awaiting_retry(self) -> int:
        """Webhooks refused so far and not yet accepted: each has a retry waiting in a delay queue."""
        with self._lock:
            return sum(1 for seen in self._seen.values() if seen <= self._failures)


class WebhookReceiver:
    """An HTTP server on 127.0.0.1 in a thread of the test; every POST is recorded before it is answered."""

    def __init__(self, answer: Answer = always_ok) -> None:
        self.answer = answer
        self._deliveries: list[Delivery] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/webhooks"

    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._deliveries)

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _record(self, delivery: Delivery) -> int:
        with self._lock:
            self._deliveries.append(delivery)
        return self.answer(delivery)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                status = receiver._record(Delivery(headers, body, time.time()))
                with contextlib.suppress(OSError):  # the sender may be gone (killed on purpose)
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

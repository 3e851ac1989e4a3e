"""A local webhook endpoint for tests: records every request and answers as the test scripts it."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOLD_LIMIT_S = 30


@dataclass(frozen=True)
class Received:
    body: bytes
    headers: dict[str, str]  # names lower-cased
    at: float  # time.monotonic() on arrival

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class Receiver:
    """`status(n)` answers the n-th request (1-based); with `hold` set, requests wait until `release()`."""

    def __init__(self, status: Callable[[int], int] = lambda n: 200, *, hold: bool = False) -> None:
        self.status = status
        self.received: list[Received] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._released = threading.Event()
        if not hold:
            self._released.set()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/webhook"

    def release(self) -> None:
        self._released.set()

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver._lock:
                    receiver.received.append(
                        Received(body, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                    )
                    number = len(receiver.received)
                    receiver.in_flight += 1
                    receiver.most_in_flight = max(receiver.most_in_flight, receiver.in_flight)
                try:
                    receiver._released.wait(HOLD_LIMIT_S)
                    status = receiver.status(number)
                    self.send_response(status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok" if status < 300 else b"no")
                except OSError:
                    pass  # the sender gave up waiting and closed the connection
                finally:
                    with receiver._lock:
                        receiver.in_flight -= 1

            def log_message(self, format: str, *args) -> None:
                pass

        return Handler

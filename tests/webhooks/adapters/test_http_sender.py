"""The HTTP sender: pinned to the checked address, bounded in time, no redirects, bodies truncated."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.stack import free_port
from webhooks.adapters.http_sender import HttpSender
from webhooks.domain.url_policy import UrlGuard

Respond = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def local_server(respond: Respond) -> Iterator[tuple[int, list[dict[str, str]]]]:
    """A server on 127.0.0.1 answering with `respond`; yields its port and the headers of each request."""
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append(dict(self.headers.items()))
            respond(self)

        def log_message(self, format: str, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port, seen
    finally:
        server.shutdown()
        server.server_close()


def answer(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Respond:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def sender(*, allow_private: bool = True, timeout_s: float = 5.0) -> HttpSender:
    """Every host name resolves to 127.0.0.1, as if DNS pointed a merchant's name at the local server."""
    return HttpSender(UrlGuard(resolve=lambda host: ["127.0.0.1"], allow_private=allow_private), timeout_s)


def test_an_answer_is_returned_with_its_body_truncated():
    with local_server(answer(201, b"x" * 5000)) as (port, _):
        result = sender().post(f"http://127.0.0.1:{port}/hook", b"{}", {"Content-Type": "application/json"})

    assert (result.response_code, result.error) == (201, None)
    assert result.response_body == "x" * 1000


def test_the_request_goes_to_the_checked_address_with_the_urls_host_name():
    with local_server(answer(200)) as (port, seen):
        result = sender().post(f"http://shop.example.com:{port}/hook?x=1", b"{}", {"webhook-id": "log-1"})

    assert result.response_code == 200
    assert seen[0]["Host"] == f"shop.example.com:{port}"
    assert seen[0]["webhook-id"] == "log-1"


def test_a_redirect_is_not_followed_and_counts_as_its_own_status():
    with local_server(answer(302, headers={"Location": "http://169.254.169.254/"})) as (port, seen):
        result = sender().post(f"http://127.0.0.1:{port}/", b"{}", {})

    assert result.response_code == 302
    assert len(seen) == 1


def test_a_server_that_does_not_answer_in_time_is_a_timeout():
    release = threading.Event()
    with local_server(lambda handler: release.wait(10)) as (port, _):
        result = sender(timeout_s=0.5).post(f"http://127.0.0.1:{port}/", b"{}", {})
        release.set()

    assert result.response_code is None
    assert result.error == "timed out after 0.5s"


def test_nothing_listening_is_a_connection_failure():
    result = sender().post(f"http://127.0.0.1:{free_port()}/", b"{}", {})

    assert result.response_code is None
    assert result.error.startswith("connection failed")


def test_a_private_address_is_refused_before_connecting_unless_allowed():
    with local_server(answer(200)) as (port, seen):
        result = sender(allow_private=False).post(f"http://shop.example.com:{port}/", b"{}", {})

    assert result.response_code is None
    assert result.error == "refused: webhook_url must not point to a loopback address (127.0.0.1)"
    assert seen == []

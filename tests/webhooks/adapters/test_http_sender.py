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
def local_server(respond: Respond, keep_alive: bool = False) -> Iterator[tuple[int, list[dict[str, str]]]]:
    """A server on 127.0.0.1 answering with `respond`; yields its port and the headers of each request.

    Each request's headers also hold the client's port as `client-port`, which tells connections apart.
    With `keep_alive` the server speaks HTTP/1.1 and keeps a connection open after answering.
    """
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append({**self.headers, "client-port": str(self.client_address[1])})
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


def connections(seen: list[dict[str, str]]) -> int:
    return len({request["client-port"] for request in seen})


def test_deliveries_to_one_endpoint_share_a_kept_connection():
    with local_server(answer(200, b"ok"), keep_alive=True) as (port, seen):
        client = sender()
        results = [client.post(f"http://shop.example.com:{port}/hook", b"{}", {}) for _ in range(3)]
        client.close()

    assert [result.response_code for result in results] == [200, 200, 200]
    assert (len(seen), connections(seen)) == (3, 1)


def test_a_connection_the_server_closed_while_idle_is_replaced():
    def answer_then_close(handler: BaseHTTPRequestHandler) -> None:
        answer(200, b"ok")(handler)
        handler.wfile.flush()
        handler.close_connection = True  # without saying so in a header, as a server timing out idle would

    with local_server(answer_then_close, keep_alive=True) as (port, seen):
        client = sender()
        results = [client.post(f"http://127.0.0.1:{port}/hook", b"{}", {}) for _ in range(3)]

    assert [(result.response_code, result.error) for result in results] == [(200, None)] * 3
    assert (len(seen), connections(seen)) == (3, 3)


def test_an_answer_not_read_to_its_end_does_not_leave_its_connection_for_the_next():
    with local_server(answer(200, b"x" * 50_000), keep_alive=True) as (port, seen):
        client = sender()
        results = [client.post(f"http://127.0.0.1:{port}/hook", b"{}", {}) for _ in range(2)]

    assert [(result.response_code, len(result.response_body)) for result in results] == [(200, 1000)] * 2
    assert connections(seen) == 2


def test_the_time_budget_holds_on_a_kept_connection():
    release = threading.Event()

    def first_quick_then_hang(handler: BaseHTTPRequestHandler) -> None:
        if len(seen) > 1:
            release.wait(10)
        answer(200)(handler)

    with local_server(first_quick_then_hang, keep_alive=True) as (port, seen):
        client = sender(timeout_s=0.5)
        first = client.post(f"http://127.0.0.1:{port}/", b"{}", {})
        second = client.post(f"http://127.0.0.1:{port}/", b"{}", {})
        release.set()

    assert first.response_code == 200
    assert (second.response_code, second.error) == (None, "timed out after 0.5s")
    assert connections(seen) == 1


def test_connections_are_kept_per_checked_address_and_host_name():
    with local_server(answer(200), keep_alive=True) as (port, seen):
        client = sender()
        for host in ("a.example.com", "b.example.com", "a.example.com"):
            client.post(f"http://{host}:{port}/", b"{}", {})

    assert [request["Host"].split(":")[0] for request in seen] == ["a.example.com", "b.example.com", "a.example.com"]
    assert connections(seen) == 2


def test_a_kept_connection_dropped_as_the_request_goes_out_is_tried_once_more_on_a_new_one():
    def drop_the_second_request(handler: BaseHTTPRequestHandler) -> None:
        if len(seen) == 2:  # as if the server's idle timeout had struck just as the request arrived
            handler.close_connection = True
            return
        answer(200)(handler)

    with local_server(drop_the_second_request, keep_alive=True) as (port, seen):
        client = sender()
        results = [client.post(f"http://127.0.0.1:{port}/", b"{}", {}) for _ in range(2)]

    assert [(result.response_code, result.error) for result in results] == [(200, None)] * 2
    assert (len(seen), connections(seen)) == (3, 2)

"""The load generator against a tiny local HTTP server: keep-alive, both loops, errors, collected fields."""

from __future__ import annotations

import asyncio
import json
import socket

from bench.loadgen import NO_ANSWER, LoadSpec, RequestPlan, generate, run_load


class TinyServer:
    """An asyncio HTTP/1.1 server answering 201 with a JSON id, or 500 on /fail; it counts connections and requests."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests: list[tuple[str, dict[str, str], bytes]] = []

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line, *header_lines = head.decode().split("\r\n")
                headers = {k.lower(): v.strip() for k, v in (h.split(":", 1) for h in header_lines if ":" in h)}
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                path = line.split(" ")[1]
                self.requests.append((path, headers, body))
                status, answer = (
                    (500, b"{}") if path == "/fail" else (201, json.dumps({"id": f"x{len(self.requests)}"}).encode())
                )
                writer.write(f"HTTP/1.1 {status} X\r\nContent-Length: {len(answer)}\r\n\r\n".encode() + answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()


async def against_tiny_server(spec_for_port) -> tuple[TinyServer, object]:
    tiny = TinyServer()
    server = await asyncio.start_server(tiny.serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        result = await generate(spec_for_port(port))
    return tiny, result


def test_a_closed_loop_keeps_one_connection_per_client_and_collects_the_answers():
    plan = RequestPlan(
        "POST", ("/things",), {"X-Api-Key": "k"}, ('{"amount": 100}',), unique_header="Idempotency-Key", collect="id"
    )

    tiny, result = asyncio.run(
        against_tiny_server(lambda port: LoadSpec("127.0.0.1", port, plan, concurrency=4, requests=40))
    )

    assert tiny.connections == 4
    assert len(tiny.requests) == 40 and len(result.samples) == 40
    assert result.errors == 0
    assert len({headers["idempotency-key"] for _, headers, _ in tiny.requests}) == 40
    assert {body for _, _, body in tiny.requests} == {b'{"amount": 100}'}
    assert len(result.collected) == 40 and all(value.startswith("x") for value, _ in result.collected)
    assert result.requests_per_s > 0 and result.cpu_s >= 0


def test_an_open_loop_starts_requests_at_the_rate_whatever_the_answers():
    plan = RequestPlan("GET", ("/a", "/b"))

    tiny, result = asyncio.run(
        against_tiny_server(lambda port: LoadSpec("127.0.0.1", port, plan, concurrency=8, rate=200, duration_s=0.25))
    )

    assert len(result.samples) == 50
    assert [due for due, _, _ in result.samples] == sorted(due for due, _, _ in result.samples)
    assert {path for path, _, _ in tiny.requests} == {"/a", "/b"}


def test_answers_that_are_not_2xx_count_as_errors():
    plan = RequestPlan("GET", ("/fail",))

    _, result = asyncio.run(
        against_tiny_server(lambda port: LoadSpec("127.0.0.1", port, plan, concurrency=2, requests=6))
    )

    assert result.errors == 6
    assert result.failures == {"HTTP 500": 6}


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_server_that_is_not_there_gives_errors_not_a_crash():
    plan = RequestPlan("GET", ("/",))

    result = asyncio.run(generate(LoadSpec("127.0.0.1", unused_port(), plan, concurrency=2, requests=4)))

    assert [status for _, _, status in result.samples] == [NO_ANSWER] * 4
    assert result.errors == 4


def test_the_generator_runs_in_a_process_of_its_own_and_reports_its_cpu():
    plan = RequestPlan("GET", ("/",))

    result = run_load(LoadSpec("127.0.0.1", unused_port(), plan, concurrency=1, requests=2))

    assert len(result.samples) == 2
    assert result.cpu_s >= 0


def test_a_chunked_answer_is_read_whole():
    async def chunked_server(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"id\r\n5\r\n": 7}\r\n0\r\n\r\n')
        await writer.drain()
        writer.close()

    async def run():
        server = await asyncio.start_server(chunked_server, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            plan = RequestPlan("GET", ("/",), collect="id")
            return await generate(LoadSpec("127.0.0.1", port, plan, concurrency=1, requests=1))

    result = asyncio.run(run())

    assert result.errors == 0
    assert [value for value, _ in result.collected] == [7]


def test_an_open_loop_that_falls_too_far_behind_stops_and_keeps_what_it_measured():
    async def slow_server(reader, writer):
        while True:
            try:
                await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            await asyncio.sleep(0.05)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
            await writer.drain()

    async def run():
        server = await asyncio.start_server(slow_server, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            plan = RequestPlan("GET", ("/",))
            spec = LoadSpec("127.0.0.1", port, plan, concurrency=1, rate=500, duration_s=2, most_behind=5)
            return await generate(spec)

    result = asyncio.run(run())

    assert result.stopped_early_s is not None and result.stopped_early_s < 1
    assert 0 < len(result.samples) < 20
    assert result.errors == 0

"""A merchant's webhook receiver for the benchmarks: records every delivery it is sent, by label.

Each label (one per merchant) answers in its mode: `fast` (200 at once), `slow` (hangs
HANG_S, then 200) or `fail` (500 at once). It runs in a process of its own
(`python -m bench.receiver --port N`, asyncio, raw HTTP/1.1); `Receiver` starts it and
talks to its control paths:

    POST   /hooks/<label>            a webhook delivery
    PUT    /modes/<label>/<mode>     how <label> answers from now on
    GET    /deliveries/<label>       [[event, payment id, webhook-id, arrived epoch], ...]
    DELETE /deliveries/<label>       forget them
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import subprocess
import sys
import time
from collections import defaultdict

import requests

from tests.support.stack import REPO, free_port
from tests.support.waiting import eventually

MODES = ("fast", "slow", "fail")
HANG_S = 5.0

_REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 404: "Not Found", 500: "Internal Server Error"}


class _Recorder:
    def __init__(self) -> None:
        self.modes: dict[str, str] = {}
        self.deliveries: dict[str, list[list]] = defaultdict(list)

    async def answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        parts = path.strip("/").split("/")
        if method == "POST" and len(parts) == 2 and parts[0] == "hooks":
            return await self._delivery(parts[1], headers, body)
        if method == "PUT" and len(parts) == 3 and parts[0] == "modes" and parts[2] in MODES:
            self.modes[parts[1]] = parts[2]
            return 204, b""
        if method == "GET" and len(parts) == 2 and parts[0] == "deliveries":
            return 200, json.dumps(self.deliveries.get(parts[1], [])).encode()
        if method == "DELETE" and len(parts) == 2 and parts[0] == "deliveries":
            self.deliveries.pop(parts[1], None)
            return 204, b""
        return 404, b""

    async def _delivery(self, label: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        arrived = time.time()
        try:
            webhook = json.loads(body)
            event = webhook["event"]
            payment_id = (webhook.get("data", {}).get("payment") or {}).get("id")
        except (ValueError, KeyError, AttributeError):
            return 400, b""
        self.deliveries[label].append([event, payment_id, headers.get("webhook-id"), arrived])
        mode = self.modes.get(label, "fast")
        if mode == "slow":
            await asyncio.sleep(HANG_S)
        return (500, b"failing on purpose") if mode == "fail" else (200, b"ok")


async def _serve_connection(recorder: _Recorder, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line, *header_lines = head.decode("latin-1").split("\r\n")
            method, path, _version = request_line.split(" ", 2)
            headers = {}
            for line in header_lines:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            status, answer = await recorder.answer(method, path, headers, body)
            writer.write(
                f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}\r\nContent-Length: {len(answer)}\r\n"
                f"Content-Type: application/json\r\n\r\n".encode()
                + answer
            )
            await writer.drain()
    writer.close()


async def serve(port: int) -> None:
    recorder = _Recorder()
    server = await asyncio.start_server(lambda r, w: _serve_connection(recorder, r, w), "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


class Receiver:
    """The receiver process, seen from the benchmark."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.receiver", "--port", str(self.port)], cwd=REPO, start_new_session=True
        )
        self._http = requests.Session()
        eventually(self._answers, timeout=15, interval=0.1, what="the webhook receiver")

    def _answers(self) -> bool:
        try:
            return self._http.get(f"{self.base_url}/deliveries/none", timeout=2).ok
        except requests.ConnectionError:
            return False

    def url(self, label: str) -> str:
        return f"{self.base_url}/hooks/{label}"

    def set_mode(self, label: str, mode: str) -> None:
        self._http.put(f"{self.base_url}/modes/{label}/{mode}", timeout=5).raise_for_status()

    def deliveries(self, label: str) -> list[tuple[str, str | None, str | None, float]]:
        answer = self._http.get(f"{self.base_url}/deliveries/{label}", timeout=30)
        answer.raise_for_status()
        return [tuple(item) for item in answer.json()]

    def forget(self, label: str) -> None:
        self._http.delete(f"{self.base_url}/deliveries/{label}", timeout=5).raise_for_status()

    def stop(self) -> None:
        self._http.close()
        self._process.terminate()
        self._process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.receiver", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parser.parse_args().port))


if __name__ == "__main__":
    main()

"""Load generator: raw HTTP/1.1 over keep-alive connections with asyncio, closed-loop or open-loop.

Closed loop: `concurrency` connections, each sending its next request as soon as the last is
answered. Open loop: `rate` requests started per second whatever the answers do; latency
counts from the moment a request was due, so a server that falls behind shows it.

`run_load(spec)` runs it in a process of its own (`python -m bench.loadgen`, the spec as JSON
on stdin, the result as JSON on stdout), so its CPU time is measured alone and it never
competes for a GIL with what it measures.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.stats import percentile

#: status recorded for a request that got no HTTP answer (refused, reset, timed out)
NO_ANSWER = 0


@dataclass(frozen=True)
class RequestPlan:
    """What to send: paths and JSON bodies are taken in turn; `unique_header` gets a fresh value each time."""

    method: str
    paths: tuple[str, ...]
    headers: Mapping[str, str] = field(default_factory=dict)
    bodies: tuple[str, ...] = ()
    unique_header: str | None = None
    collect: str | None = None  # a field of each 2xx JSON answer to hand back, e.g. "id"

    def request(self, number: int, host: str) -> bytes:
        body = self.bodies[number % len(self.bodies)].encode() if self.bodies else b""
        lines = [f"{self.method} {self.paths[number % len(self.paths)]} HTTP/1.1", f"Host: {host}"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        if self.unique_header:
            lines.append(f"{self.unique_header}: {uuid.uuid4().hex}")
        if body or self.method in ("POST", "PUT", "PATCH"):
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass(frozen=True)
class LoadSpec:
    host: str
    port: int
    plan: RequestPlan
    concurrency: int = 16  # closed loop: connections; open loop: the most connections it may open
    rate: float | None = None  # requests per second: an open loop
    duration_s: float = 5.0
    warmup_s: float = 0.0  # closed loop: requests sent before this are not counted
    requests: int | None = None  # closed loop: stop after this many instead of after duration_s
    timeout_s: float = 30.0
    most_behind: int | None = None  # open loop: stop once this many due requests wait for a connection

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str) -> LoadSpec:
        data = json.loads(raw)
        plan = data.pop("plan")
        plan["paths"] = tuple(plan["paths"])
        plan["bodies"] = tuple(plan["bodies"])
        return cls(plan=RequestPlan(**plan), **data)


@dataclass
class LoadResult:
    """Each counted request as (start offset s, latency ms, status); collected values as (value, epoch answered)."""

    samples: list[tuple[float, float, int]]
    collected: list[tuple[str, float]]
    window_s: float
    cpu_s: float
    started_epoch: float
    failures: dict[str, int]
    stopped_early_s: float | None = None  # when a stop or falling too far behind ended the run

    @property
    def requests_per_s(self) -> float:
        return len(self.samples) / self.window_s if self.window_s > 0 else 0.0

    def latency_ms(self, share: float) -> float:
        return percentile([latency for _, latency, _ in self.samples], share)

    @property
    def errors(self) -> int:
        """Requests without a 2xx answer."""
        return sum(1 for _, _, status in self.samples if not 200 <= status < 300)

    @property
    def cpu_share(self) -> float:
        """The generator's CPU time as a share of one core over the run."""
        return self.cpu_s / self.window_s if self.window_s > 0 else 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str) -> LoadResult:
        data = json.loads(raw)
        data["samples"] = [tuple(sample) for sample in data["samples"]]
        data["collected"] = [tuple(item) for item in data["collected"]]
        return cls(**data)


class _Connection:
    """One keep-alive connection; reopened on the next request after an error or `Connection: close`."""

    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def exchange(self, request: bytes) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        self._writer.write(request)
        head = await self._reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        headers = head.lower()
        if b"transfer-encoding: chunked" in headers:
            body = await self._chunked_body()
        else:
            start = headers.find(b"content-length:")
            length = int(headers[start + 15 : headers.index(b"\r\n", start)]) if start >= 0 else 0
            body = await self._reader.readexactly(length) if length else b""
        if b"connection: close" in headers:
            self.close()
        return status, body

    async def _chunked_body(self) -> bytes:
        parts = []
        while True:
            size = int((await self._reader.readline()).split(b";")[0], 16)
            if size == 0:
                await self._reader.readline()
                return b"".join(parts)
            parts.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


class _Run:
    """One load run: numbers requests, sends them, and records what came back."""

    def __init__(self, spec: LoadSpec, stop: asyncio.Event) -> None:
        self.spec = spec
        self.stop = stop
        self.stopped_early_s: float | None = None
        self.host_header = f"{spec.host}:{spec.port}"
        self.sent = 0
        self.samples: list[tuple[float, float, int]] = []
        self.collected: list[tuple[str, float]] = []
        self.failures: Counter[str] = Counter()
        self.origin = time.perf_counter()
        self.origin_epoch = time.time()

    def next_request(self) -> bytes:
        request = self.spec.plan.request(self.sent, self.host_header)
        self.sent += 1
        return request

    async def send(self, connection: _Connection, request: bytes, due: float, counted: bool) -> None:
        try:
            status, body = await asyncio.wait_for(connection.exchange(request), self.spec.timeout_s)
        except (OSError, EOFError, TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
            connection.close()
            status, body = NO_ANSWER, b""
            self.failures[type(exc).__name__] += 1
        answered = time.perf_counter()
        if not 200 <= status < 300 and status != NO_ANSWER:
            self.failures[f"HTTP {status}"] += 1
        if not counted:
            return
        self.samples.append((due - self.origin, (answered - due) * 1000, status))
        if self.spec.plan.collect and 200 <= status < 300:
            value = json.loads(body)[self.spec.plan.collect]
            self.collected.append((value, self.origin_epoch + (answered - self.origin)))

    async def closed_loop(self) -> float:
        spec = self.spec
        counting_from = self.origin + spec.warmup_s
        stop_at = counting_from + spec.duration_s

        async def client() -> None:
            connection = _Connection(spec.host, spec.port)
            while not self.stop.is_set():
                now = time.perf_counter()
                if spec.requests is not None:
                    if self.sent >= spec.requests:
                        break
                elif now >= stop_at:
                    break
                await self.send(connection, self.next_request(), now, counted=now >= counting_from)
            connection.close()

        await asyncio.gather(*(client() for _ in range(spec.concurrency)))
        if spec.requests is not None:
            return time.perf_counter() - counting_from
        # a request that started in the window and ended after it still counts, and so does its time
        return max(
            spec.duration_s, max((start + ms / 1000 for start, ms, _ in self.samples), default=0) - spec.warmup_s
        )

    async def open_loop(self) -> float:
        spec = self.spec
        assert spec.rate is not None
        idle: asyncio.Queue[_Connection] = asyncio.Queue()
        for _ in range(spec.concurrency):
            idle.put_nowait(_Connection(spec.host, spec.port))

        waiting: set[asyncio.Task] = set()  # due requests still waiting for a free connection

        async def one(due: float) -> None:
            me = asyncio.current_task()
            waiting.add(me)
            try:
                connection = await idle.get()  # waiting for a free connection counts as latency
            finally:
                waiting.discard(me)
            try:
                await self.send(connection, self.next_request(), due, counted=True)
            finally:
                idle.put_nowait(connection)

        total = int(spec.rate * spec.duration_s)
        tasks = []
        for number in range(total):
            due = self.origin + number / spec.rate
            delay = due - time.perf_counter()
            if delay > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stop.wait(), delay)
            if self.stop.is_set() or (spec.most_behind is not None and len(waiting) > spec.most_behind):
                self.stopped_early_s = time.perf_counter() - self.origin
                for task in list(waiting):
                    task.cancel()  # never sent; those in flight finish
                break
            tasks.append(asyncio.create_task(one(due)))
        await asyncio.gather(*tasks, return_exceptions=True)
        while not idle.empty():
            idle.get_nowait().close()
        return time.perf_counter() - self.origin


async def generate(spec: LoadSpec, stop: asyncio.Event | None = None) -> LoadResult:
    """Run the load in this process and event loop; setting `stop` ends it early (what was sent is kept)."""
    cpu_before = _cpu_seconds()
    run = _Run(spec, stop or asyncio.Event())
    window = await (run.open_loop() if spec.rate else run.closed_loop())
    return LoadResult(
        samples=run.samples,
        collected=run.collected,
        window_s=window,
        cpu_s=_cpu_seconds() - cpu_before,
        started_epoch=run.origin_epoch,
        failures=dict(run.failures),
        stopped_early_s=run.stopped_early_s,
    )


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class LoadProcess:
    """A generator running in a process of its own; `result()` waits for it."""

    def __init__(self, spec: LoadSpec) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by result()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.loadgen"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            cwd=Path(__file__).resolve().parents[1],
        )
        self._process.stdin.write(spec.to_json().encode())
        self._process.stdin.close()

    @property
    def running(self) -> bool:
        return self._process.poll() is None

    def stop(self) -> None:
        """End the load early: no new requests, those in flight finish; `result()` still answers."""
        self._process.send_signal(signal.SIGTERM)

    def result(self) -> LoadResult:
        output = self._process.stdout.read()
        self._process.stdout.close()
        try:
            if self._process.wait() != 0:
                self._errors.seek(0)
                raise RuntimeError(f"load generator failed: {self._errors.read()[-2000:].decode(errors='replace')}")
        finally:
            self._errors.close()
        return LoadResult.from_json(output)


def run_load(spec: LoadSpec) -> LoadResult:
    return LoadProcess(spec).result()


async def _until_told_to_stop(spec: LoadSpec) -> LoadResult:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    return await generate(spec, stop)


def main() -> None:
    spec = LoadSpec.from_json(sys.stdin.read())
    sys.stdout.write(asyncio.run(_until_told_to_stop(spec)).to_json())


if __name__ == "__main__":
    main()

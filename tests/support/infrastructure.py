"""The machine's RabbitMQ, PostgreSQL and Redis, stopped and started again by fault tests.

They are shared by every test and benchmark run on this machine, so a test that breaks
them first waits until no other checkout's run is going (`SharedServers`), keeps the outage
short, and always undoes it: whatever happens inside one of the context managers below,
the server is running again when it exits.
Starting is left to `scripts/ensure-infra.sh`, the one place that knows how each is started.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from tests.support.waiting import eventually

REPO = Path(__file__).resolve().parents[2]
ENSURE_INFRA = REPO / "scripts" / "ensure-infra.sh"
POLL_S = 5.0


class InfrastructureBusy(Exception):
    """Other test runs kept using the shared servers for longer than we may wait."""


def _run(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)


def _ancestors(pid: int) -> set[int]:
    found = set()
    while pid > 1:
        found.add(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def _is_test_or_benchmark(argv: list[bytes]) -> bool:
    """pytest, or `python -m bench`: what another checkout runs that an outage would break."""
    head = argv[:3]
    return any(Path(arg.decode(errors="replace")).name.startswith("pytest") for arg in head) or b"bench" in head


def other_test_runs() -> list[str]:
    """Command lines of test or benchmark runs that belong to another checkout than this one."""
    mine = _ancestors(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in mine:
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if _is_test_or_benchmark(argv) and Path(cwd).resolve() != REPO:
            found.append(f"{entry.name} in {cwd}: " + b" ".join(argv).decode(errors="replace")[:120])
    return found


def wait_until_alone(max_wait_s: float) -> None:
    """Wait (at most `max_wait_s`) until no other checkout's tests run, so an outage harms nobody else."""
    deadline = time.monotonic() + max_wait_s
    while others := other_test_runs():
        if time.monotonic() >= deadline:
            raise InfrastructureBusy(f"other test runs kept going for {max_wait_s:.0f}s: {others}")
        time.sleep(POLL_S)


def ensure_running() -> None:
    """Start whatever of PostgreSQL, Redis and RabbitMQ is down, as `make test` does, and wait for it."""
    result = _run("bash", str(ENSURE_INFRA), timeout=300)
    assert result.returncode == 0, f"ensure-infra failed: {result.stdout}{result.stderr}"


def _broker_pids() -> list[int]:
    found = _run("pgrep", "-u", "rabbitmq", "-f", "beam.smp").stdout.split()
    return [int(pid) for pid in found]


def broker_answers() -> bool:
    return _run("rabbitmq-diagnostics", "-q", "check_port_connectivity", timeout=60).returncode == 0


def _postgres_cluster() -> tuple[str, str]:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    return version, "main"


def postgres_answers() -> bool:
    return _run("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q").returncode == 0


def redis_answers() -> bool:
    return _run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping").stdout.strip() == "PONG"


class SharedServers:
    """Outages of the machine's servers, for a test that waited until no other checkout's run would suffer them."""

    def __init__(self, max_wait_s: float) -> None:
        wait_until_alone(max_wait_s)

    @contextlib.contextmanager
    def broker_killed(self) -> Iterator[None]:
        """RabbitMQ's Erlang VM killed with SIGKILL, as a crash or a power cut would; started again on exit."""
        pids = _broker_pids()
        assert pids, "no RabbitMQ process to kill"
        try:
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
            eventually(lambda: not _broker_pids(), timeout=30, what="RabbitMQ to die")
            yield
        finally:
            ensure_running()
            eventually(broker_answers, timeout=120, interval=1, what="RabbitMQ to answer again")

    @contextlib.contextmanager
    def broker_app_stopped(self) -> Iterator[None]:
        """RabbitMQ stopped the polite way (`rabbitmqctl stop_app`): clients are told, queues are closed cleanly."""
        stopped = _run("rabbitmqctl", "-q", "stop_app")
        try:
            assert stopped.returncode == 0, stopped.stderr
            yield
        finally:
            started = _run("rabbitmqctl", "-q", "start_app", timeout=300)
            if started.returncode != 0:
                ensure_running()
            eventually(broker_answers, timeout=120, interval=1, what="RabbitMQ to answer again")

    @contextlib.contextmanager
    def postgres_stopped(self) -> Iterator[None]:
        """PostgreSQL shut down (fast mode: sessions are cut, nothing committed is lost); started again on exit."""
        version, cluster = _postgres_cluster()
        stopped = _run("pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "stop")
        try:
            assert stopped.returncode == 0, stopped.stderr
            yield
        finally:
            _run("pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "start")
            ensure_running()
            eventually(postgres_answers, timeout=60, interval=0.5, what="PostgreSQL to answer again")

    @contextlib.contextmanager
    def redis_stopped_without_saving(self) -> Iterator[None]:
        """Redis shut down without saving: when it starts again every key is gone."""
        _run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave")
        try:
            eventually(lambda: not redis_answers(), timeout=30, what="Redis to stop")
            yield
        finally:
            ensure_running()
            eventually(redis_answers, timeout=60, interval=0.5, what="Redis to answer again")

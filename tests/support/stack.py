"""The Paygate processes, started for real against one isolated run, and controlled by tests."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.support.isolation import Isolation
from tests.support.waiting import eventually

REPO = Path(__file__).resolve().parents[2]
TEST_MERCHANT = {"X-Api-Key": "key_test_abc123", "X-Api-Secret": "secret_test_xyz789"}

#: every Paygate process: name -> (module providing it, command line after `python -m`)
PROCESSES: dict[str, tuple[str, list[str]]] = {
    "gateway": ("gateway", ["gateway", "serve"]),
    "payments": ("payments", ["payments", "worker"]),
    "refunds": ("refunds", ["refunds", "worker"]),
    "webhooks": ("webhooks", ["webhooks", "worker"]),
}
MIGRATED = ("gateway", "payments", "refunds", "webhooks")
WORKERS = ("payments", "refunds", "webhooks")


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(isolation: Isolation, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "WEBHOOK_"))}
    env.update(isolation.env())
    env.update(
        {
            "TEST_MODE": "true",
            "TEST_PROCESSING_DELAY": "500",
            "WEBHOOK_RETRY_INTERVALS_TEST": "true",
            "WEBHOOK_ALLOW_PRIVATE_URLS": "true",
            "RPC_TIMEOUT": "5",
            "PAYGATE_SECRET_KEY": "test-secret-key-" + isolation.run_id,
            "EXPECTED_WORKERS": ",".join(w for w in WORKERS if installed(w)),
            "GATEWAY_WORKERS": "1",
            "GATEWAY_THREADS": "16",
            # every test calls from 127.0.0.1, and many check 401s; the limit itself has a stack of its own
            "AUTH_FAILURE_LIMIT": "100000",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def migrate(env: dict[str, str]) -> None:
    for module in MIGRATED:
        if installed(module):
            subprocess.run([sys.executable, "-m", module, "migrate"], env=env, check=True, capture_output=True)


@contextlib.contextmanager
def running_stack(isolation: Isolation, log_dir: Path, **env_overrides: str) -> Iterator[Stack]:
    """Migrate the isolated run and start every installed Paygate process; stop them after."""
    env = base_env(isolation, **env_overrides)
    migrate(env)
    running = Stack(isolation=isolation, env=env, log_dir=log_dir)
    try:
        running.start_all()
        yield running
    finally:
        running.stop_all()


@dataclass
class Stack:
    isolation: Isolation
    env: dict[str, str]
    log_dir: Path
    port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    metrics_ports: dict[str, int] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def names(self) -> list[str]:
        return [name for name, (module, _) in PROCESSES.items() if installed(module)]

    def start(self, name: str) -> None:
        _module, argv = PROCESSES[name]
        env = {**self.env, "GATEWAY_PORT": str(self.port)}
        if name in WORKERS:
            self.metrics_ports.setdefault(name, free_port())
            env["METRICS_PORT"] = str(self.metrics_ports[name])
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - the process owns it
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", *argv],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )

    def stop(self, name: str, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def kill(self, name: str) -> None:
        self.stop(name, signal.SIGKILL)

    def freeze(self, name: str) -> None:
        """Suspend the process (SIGSTOP): it keeps its connections but does nothing, as a hung process would."""
        os.killpg(self.processes[name].pid, signal.SIGSTOP)

    def restart(self, name: str) -> None:
        self.stop(name)
        self.start(name)

    def start_all(self) -> None:
        for name in self.names:
            self.start(name)
        self.wait_until_healthy()

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.stop(name)

    def health(self) -> dict | None:
        try:
            return requests.get(f"{self.base_url}/health", timeout=5).json()
        except (requests.RequestException, ValueError):
            return None

    def wait_until_healthy(self, timeout: float = 60) -> dict:
        def healthy():
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}: {self.log(name)[-3000:]}")
            body = self.health()
            return body if body and body.get("status") == "healthy" else None

        return eventually(healthy, timeout=timeout, interval=0.25, what="a healthy stack")

    def metrics(self, name: str) -> str:
        """The Prometheus text a worker (or the gateway, as "gateway") serves right now."""
        if name == "gateway":
            return requests.get(f"{self.base_url}/metrics", timeout=5).text
        return requests.get(f"http://127.0.0.1:{self.metrics_ports[name]}/metrics", timeout=5).text

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def recent_trouble(self, lines_per_process: int = 15) -> str:
        """The last warning, error and traceback lines each process logged."""
        troubled = ('"level": "warning"', '"level": "error"', '"level": "critical"', "Traceback", "Error")
        sections = []
        for name in self.names:
            lines = [line for line in self.log(name).splitlines() if any(mark in line for mark in troubled)]
            if lines:
                sections.append(f"--- {name}\n" + "\n".join(line[:500] for line in lines[-lines_per_process:]))
        return "\n".join(sections) or "no warnings or errors logged"

    def all_logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*.log")))

    def session(self, headers: dict[str, str] | None = None) -> requests.Session:
        session = ApiSession(self.base_url)
        session.headers.update(headers if headers is not None else TEST_MERCHANT)
        return session

    def paygate_command(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "gateway.cli", *args], env=self.env, capture_output=True, text=True, timeout=60
        )

    def create_merchant(self, name: str, email: str) -> dict[str, str]:
        result = self.paygate_command("merchants", "create", "--name", name, "--email", email)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


class ApiSession(requests.Session):
    """A requests session whose paths are relative to the gateway's base URL."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 15)
        return super().request(method, url if url.startswith("http") else self.base_url + url, *args, **kwargs)

"""Everything one benchmark run starts: an isolated Paygate stack, the ceiling, the webhook receiver, the merchants."""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.ceiling.server import CEILING_PATH, CeilingServer
from bench.loadgen import LoadSpec, RequestPlan, run_load
from bench.probe import Probe
from bench.receiver import Receiver
from gateway.config import Settings as GatewaySettings
from tests.support.isolation import create_isolation, destroy_isolation
from tests.support.stack import Stack, base_env, migrate
from tests.support.waiting import eventually

HOST = "127.0.0.1"
ORDERS = "/api/v1/orders"
PAYMENTS = "/api/v1/payments"
ORDER_BODY = '{"amount": 50000, "currency": "INR", "receipt": "bench", "notes": {"source": "bench"}}'
UPI_BODY = '{{"order_id": "{order_id}", "method": "upi", "vpa": "shopper@okbank"}}'


@dataclass
class Merchant:
    """A merchant of the run: its API headers, the receiver label its webhooks go to, and orders to pay."""

    label: str
    id: str
    headers: dict[str, str]
    orders: list[str] = field(default_factory=list)
    payments: list[str] = field(default_factory=list)

    def payment_bodies(self) -> tuple[str, ...]:
        return tuple(UPI_BODY.format(order_id=order_id) for order_id in self.orders)


@dataclass
class Environment:
    stack: Stack
    ceiling: CeilingServer
    receiver: Receiver
    probe: Probe
    gateway_workers: int
    gateway_threads: int
    merchants: dict[str, Merchant] = field(default_factory=dict)

    @property
    def port(self) -> int:
        return self.stack.port

    def merchant(self, label: str, *, webhooks: bool = True, orders: int = 64) -> Merchant:
        """The merchant for `label`, created on first use with `orders` orders, its webhooks sent to the receiver."""
        if label in self.merchants:
            return self.merchants[label]
        created = self.stack.create_merchant(f"Bench {label}", f"bench-{label}-{uuid.uuid4().hex[:8]}@example.com")
        headers = {"X-Api-Key": created["api_key"], "X-Api-Secret": created["api_secret"]}
        merchant = Merchant(label, created["id"], headers)
        if webhooks:
            answer = self.stack.session(headers).put(
                "/api/v1/webhooks/config", json={"webhook_url": self.receiver.url(label)}
            )
            answer.raise_for_status()
        merchant.orders = self.create_orders(merchant, orders)
        self.merchants[label] = merchant
        return merchant

    def create_orders(self, merchant: Merchant, count: int) -> list[str]:
        return self._create(RequestPlan("POST", (ORDERS,), merchant.headers, (ORDER_BODY,), collect="id"), count)

    def create_payments(self, merchant: Merchant, count: int) -> list[str]:
        return self._create(
            RequestPlan("POST", (PAYMENTS,), merchant.headers, merchant.payment_bodies(), collect="id"), count
        )

    def _create(self, plan: RequestPlan, count: int) -> list[str]:
        result = run_load(LoadSpec(HOST, self.port, plan, concurrency=8, requests=count))
        if result.errors:
            raise RuntimeError(f"could not create what the benchmark needs: {result.failures}")
        return [created_id for created_id, _ in result.collected]


def _gateway_settings() -> GatewaySettings:
    """The gateway's own defaults (or what the environment sets), so the ceiling is served the same way."""
    return GatewaySettings.from_env(os.environ)


@contextlib.contextmanager
def environment(log_dir: Path | None = None) -> Iterator[Environment]:
    """Start the run's stack (test mode, no processing delay), the ceiling and the receiver; remove all after."""
    settings = _gateway_settings()
    isolation = create_isolation("bench")
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="paygate-bench-"))
    env = base_env(
        isolation,
        TEST_PROCESSING_DELAY="0",
        WEBHOOK_RETRY_INTERVALS_TEST="false",
        GATEWAY_WORKERS=str(settings.web_workers),
        GATEWAY_THREADS=str(settings.web_threads),
    )
    stack = Stack(isolation=isolation, env=env, log_dir=log_dir)
    ceiling = receiver = probe = None
    try:
        migrate(env)
        stack.start_all()
        ceiling = CeilingServer(settings.web_workers, settings.web_threads, log_dir / "ceiling.log")
        eventually(lambda: _answers(ceiling), timeout=30, interval=0.2, what="the ceiling server")
        receiver = Receiver()
        probe = Probe(isolation)
        yield Environment(stack, ceiling, receiver, probe, settings.web_workers, settings.web_threads)
    finally:
        for stop in (probe and probe.close, receiver and receiver.stop, ceiling and ceiling.stop, stack.stop_all):
            if stop:
                with contextlib.suppress(Exception):  # tear down the rest whatever one of them does
                    stop()
        destroy_isolation(isolation)


def _answers(ceiling: CeilingServer) -> bool:
    try:
        return requests.post(f"http://{HOST}:{ceiling.port}{CEILING_PATH}", json={"amount": 1}, timeout=2).ok
    except requests.ConnectionError:
        return False

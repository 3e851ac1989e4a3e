"""Closed-loop HTTP: the ceiling and each Paygate endpoint at every concurrency of the plan."""

from __future__ import annotations

from collections.abc import Callable

from bench.ceiling.server import CEILING_PATH
from bench.environment import HOST, ORDER_BODY, ORDERS, PAYMENTS, Environment
from bench.loadgen import LoadSpec, RequestPlan, run_load
from bench.plan import Plan
from bench.scenarios import Outcome


def _ceiling(env: Environment) -> tuple[int, RequestPlan]:
    return env.ceiling.port, RequestPlan("POST", (CEILING_PATH,), bodies=(ORDER_BODY,))


def _create_order(env: Environment) -> tuple[int, RequestPlan]:
    merchant = env.merchant("api", webhooks=False)
    return env.port, RequestPlan("POST", (ORDERS,), merchant.headers, (ORDER_BODY,))


def _create_payment(env: Environment) -> tuple[int, RequestPlan]:
    merchant = env.merchant("api", webhooks=False)
    return env.port, RequestPlan("POST", (PAYMENTS,), merchant.headers, merchant.payment_bodies())


def _create_payment_with_key(env: Environment) -> tuple[int, RequestPlan]:
    port, plan = _create_payment(env)
    return port, RequestPlan(plan.method, plan.paths, plan.headers, plan.bodies, unique_header="Idempotency-Key")


def _get_payment(env: Environment) -> tuple[int, RequestPlan]:
    merchant = env.merchant("api", webhooks=False)
    if not merchant.payments:
        merchant.payments = env.create_payments(merchant, 64)
    paths = tuple(f"{PAYMENTS}/{payment_id}" for payment_id in merchant.payments)
    return env.port, RequestPlan("GET", paths, merchant.headers)


#: name in the table -> the server's port and what to send it
ENDPOINTS: dict[str, Callable[[Environment], tuple[int, RequestPlan]]] = {
    "ceiling": _ceiling,
    "POST orders": _create_order,
    "POST payments": _create_payment,
    "POST payments+key": _create_payment_with_key,
    "GET payment": _get_payment,
}


def run(env: Environment, plan: Plan) -> Outcome:
    outcome = Outcome()
    for name, target in ENDPOINTS.items():
        port, requests = target(env)
        for concurrency in plan.concurrencies:
            env.probe.wait_until_idle()
            spec = LoadSpec(
                HOST, port, requests, concurrency=concurrency, duration_s=plan.http_s, warmup_s=plan.warmup_s
            )
            outcome.record_load(f"api.{name}.c{concurrency}", run_load(spec))
    return outcome

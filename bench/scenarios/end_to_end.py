"""End to end: payments created as fast as the API takes them, until each is final and its webhooks delivered."""

from __future__ import annotations

import time

from bench.deliveries import await_deliveries
from bench.environment import HOST, PAYMENTS, Environment
from bench.loadgen import LoadSpec, RequestPlan, run_load
from bench.plan import Plan
from bench.scenarios import Outcome
from bench.stats import percentile

LABEL = "e2e"
CONCURRENCY = 64
#: no delivery may take longer than this before the run counts it missing
DELIVERY_TIMEOUT_S = 300


def run(env: Environment, plan: Plan) -> Outcome:
    merchant = env.merchant(LABEL, orders=256)
    env.probe.wait_until_idle()
    env.receiver.forget(LABEL)
    requests = RequestPlan("POST", (PAYMENTS,), merchant.headers, merchant.payment_bodies(), collect="id")
    started = time.time()
    load = run_load(LoadSpec(HOST, env.port, requests, concurrency=CONCURRENCY, requests=plan.e2e_payments))
    delivered = await_deliveries(env.receiver, LABEL, load.collected, DELIVERY_TIMEOUT_S)
    finished = delivered.last_arrival or time.time()
    still_pending = env.probe.pending_payments([payment_id for payment_id, _ in load.collected])
    outcome = Outcome()
    outcome.metrics.update(
        {
            "e2e.payments_per_s": len(load.collected) / (finished - started),
            "e2e.seconds": finished - started,
            "e2e.api_rps": load.requests_per_s,
            "e2e.errors": float(load.errors),
            "e2e.undelivered": float(delivered.missing + (plan.e2e_payments - len(load.collected)) * 3),
            "e2e.not_final": float(still_pending),
            "e2e.duplicates": float(delivered.duplicates),
            "e2e.delivery_p50_s": percentile(delivered.lags_s, 0.50),
            "e2e.delivery_p99_s": percentile(delivered.lags_s, 0.99),
            "e2e.generator_cpu": load.cpu_share,
        }
    )
    if load.failures:
        outcome.details["e2e.failures"] = load.failures
    return outcome

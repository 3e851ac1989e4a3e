"""Slow merchant: one merchant's receiver hangs on every delivery; another's webhooks must still arrive promptly.

Two merchants are paid at the same rate twice: first with both receivers answering at once,
then with the first one's hanging 5 s on every request. The second merchant's delivery
latency is compared between the two, so the only difference is the hanging server.
"""

from __future__ import annotations

from bench.deliveries import Deliveries, await_deliveries
from bench.environment import HOST, PAYMENTS, Environment, Merchant
from bench.loadgen import LoadProcess, LoadSpec, RequestPlan
from bench.plan import Plan
from bench.scenarios import Outcome
from bench.stats import percentile

STEADY, SLOW = "steady", "slow"
DELIVERY_TIMEOUT_S = 120.0


def run(env: Environment, plan: Plan) -> Outcome:
    steady, slow = env.merchant(STEADY), env.merchant(SLOW)
    env.receiver.set_mode(SLOW, "fast")
    both_quick = steady_deliveries(env, plan, steady, slow)
    env.receiver.set_mode(SLOW, "slow")
    try:
        beside_slow = steady_deliveries(env, plan, steady, slow)
    finally:
        env.receiver.set_mode(SLOW, "fast")  # the merchant fixes its server; what waits for it drains
    env.probe.wait_until_idle()
    outcome = Outcome()
    for key, found in (("both_quick", both_quick), ("beside_slow", beside_slow)):
        outcome.metrics.update(
            {
                f"slow_merchant.{key}.delivery_p50_s": percentile(found.lags_s, 0.50),
                f"slow_merchant.{key}.delivery_p99_s": percentile(found.lags_s, 0.99),
                f"slow_merchant.{key}.undelivered": float(found.missing),
            }
        )
    return outcome


def steady_deliveries(env: Environment, plan: Plan, steady: Merchant, other: Merchant) -> Deliveries:
    """Pay both merchants at the plan's rate at once; the steady merchant's deliveries."""
    env.probe.wait_until_idle()
    env.receiver.forget(steady.label)
    loads = [_pay(env, plan, merchant) for merchant in (steady, other)]
    created = loads[0].result().collected
    loads[1].result()
    return await_deliveries(env.receiver, steady.label, created, DELIVERY_TIMEOUT_S)


def _pay(env: Environment, plan: Plan, merchant: Merchant) -> LoadProcess:
    requests = RequestPlan("POST", (PAYMENTS,), merchant.headers, merchant.payment_bodies(), collect="id")
    return LoadProcess(
        LoadSpec(
            HOST, env.port, requests, concurrency=64, rate=plan.slow_merchant_rate, duration_s=plan.slow_merchant_s
        )
    )

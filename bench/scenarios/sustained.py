"""Sustained offered load: payments at a fixed rate whatever the answers do; latency over time and queue depths."""

from __future__ import annotations

import time

from bench.deliveries import await_deliveries
from bench.environment import HOST, PAYMENTS, Environment
from bench.loadgen import LoadProcess, LoadResult, LoadSpec, RequestPlan
from bench.plan import Plan
from bench.scenarios import Outcome
from bench.stats import percentile, slope

LABEL = "sustained"
SAMPLE_EVERY_S = 1.0
WINDOW_S = 5.0
MOST_CONNECTIONS = 256
#: past this much work waiting (messages and outbox rows, or requests the API has not taken yet) the system
#: is not keeping up and the verdict is in: the offer stops, so the backlog it leaves drains in seconds
GIVE_UP_WAITING = 3_000
GIVE_UP_BEHIND = 1_000
DRAIN_TIMEOUT_S = 180.0


def run(env: Environment, plan: Plan) -> Outcome:
    outcome = Outcome()
    for rate in plan.sustained_rates:
        outcome.add(offer(env, plan, rate))
    return outcome


def offer(env: Environment, plan: Plan, rate: int) -> Outcome:
    """Offer `rate` payments per second for the plan's duration; sample what waits every second."""
    merchant = env.merchant(LABEL, orders=256)
    env.probe.wait_until_idle()
    env.receiver.forget(LABEL)
    queues = env.probe.work_queue_names()
    requests = RequestPlan("POST", (PAYMENTS,), merchant.headers, merchant.payment_bodies(), collect="id")
    spec = LoadSpec(
        HOST,
        env.port,
        requests,
        concurrency=MOST_CONNECTIONS,
        rate=rate,
        duration_s=plan.sustained_s,
        most_behind=GIVE_UP_BEHIND,
    )
    load = LoadProcess(spec)
    started = time.monotonic()
    waiting: list[tuple[float, int]] = []
    while (elapsed := time.monotonic() - started) < plan.sustained_s and load.running:
        waiting.append((elapsed, sum(env.probe.sample(queues).values())))
        if waiting[-1][1] > GIVE_UP_WAITING:
            load.stop()
            break
        time.sleep(SAMPLE_EVERY_S)
    result = load.result()
    drain_s = env.probe.wait_until_idle(DRAIN_TIMEOUT_S)
    delivered = await_deliveries(env.receiver, LABEL, result.collected, DRAIN_TIMEOUT_S)

    key = f"sustained.{rate}"
    offered_s = result.stopped_early_s or plan.sustained_s
    second_half = [(t, depth) for t, depth in waiting if t >= offered_s / 2]
    windows = latency_windows(result, offered_s)
    outcome = Outcome()
    outcome.record_load(key, result)
    outcome.metrics.update(
        {
            f"{key}.worst_window_p99_ms": max(p99 for _, _, _, p99 in windows),
            f"{key}.max_waiting": float(max(depth for _, depth in waiting)),
            f"{key}.growth_per_s": slope(second_half),
            f"{key}.drain_s": drain_s,
            f"{key}.offered_s": offered_s,
            f"{key}.undelivered": float(delivered.missing),
            f"{key}.delivery_p99_s": percentile(delivered.lags_s, 0.99),
        }
    )
    outcome.details[f"{key}.waiting_over_time"] = waiting
    outcome.details[f"{key}.latency_over_time"] = [
        {"from_s": start, "requests_per_s": rps, "p50_ms": p50, "p99_ms": p99} for start, rps, p50, p99 in windows
    ]
    return outcome


def latency_windows(result: LoadResult, duration_s: float) -> list[tuple[float, float, float, float]]:
    """(window start, requests/s, p50 ms, p99 ms) for each WINDOW_S of the run, by when requests were due."""
    windows = []
    start = 0.0
    while start < duration_s:
        latencies = [ms for due, ms, _ in result.samples if start <= due < start + WINDOW_S]
        if latencies:
            span = min(WINDOW_S, duration_s - start)
            windows.append((start, len(latencies) / span, percentile(latencies, 0.50), percentile(latencies, 0.99)))
        start += WINDOW_S
    return windows

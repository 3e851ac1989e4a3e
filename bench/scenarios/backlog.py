"""Backlog: thousands of webhook deliveries waiting in retry; the API's latency and the services' memory beside them.

The waiting deliveries are made with the webhooks service's own code (its domain, log repository
and outbox): log entries that failed their fourth attempt, each with its fifth scheduled through
the outbox into the two-hour delay queue, as a merchant whose server has failed for hours leaves them.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

import psycopg2
from kombu import Connection

from bench.environment import HOST, Environment
from bench.loadgen import LoadSpec, run_load
from bench.plan import Plan
from bench.processes import rss_mib
from bench.scenarios import Outcome, api
from paygate_shared.database import make_engine
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.outbox import Outbox
from paygate_shared.messaging.topology import WEBHOOKS
from paygate_shared.secretbox import SecretBox
from paygate_shared.timefmt import utcnow
from webhooks.adapters.delivery_log_repository import SqlDeliveryLogRepository
from webhooks.adapters.tables import messaging
from webhooks.config import RETRY_DELAYS_S
from webhooks.domain.delivery_job import DELIVER_WEBHOOK, DeliveryJob
from webhooks.domain.delivery_log import Attempt, RetryPolicy, new_entry
from webhooks.domain.events import log_id_for, webhook_body

LABEL = "backlog"
SEED_PER_TRANSACTION = 1_000
CONCURRENCY = 16


def run(env: Environment, plan: Plan) -> Outcome:
    merchant = env.merchant(LABEL, orders=1)
    env.receiver.set_mode(LABEL, "fail")
    outcome = Outcome()
    outcome.add(measure(env, plan, "without"))
    policy = RetryPolicy(RETRY_DELAYS_S)
    try:
        seed_waiting_deliveries(env, merchant.id, env.receiver.url(LABEL), plan.backlog_deliveries, policy)
        env.probe.wait_until_idle()  # the outbox has handed every retry to its delay queue
        outcome.metrics["backlog.waiting"] = float(env.probe.waiting_deliveries(merchant.id))
        outcome.add(measure(env, plan, "with"))
    finally:
        forget_waiting_deliveries(env, merchant.id, policy)
    return outcome


def measure(env: Environment, plan: Plan, key: str) -> Outcome:
    outcome = Outcome()
    for name in ("GET payment", "POST payments"):
        port, requests = api.ENDPOINTS[name](env)
        env.probe.wait_until_idle()
        spec = LoadSpec(HOST, port, requests, concurrency=CONCURRENCY, duration_s=plan.backlog_http_s, warmup_s=0.5)
        outcome.record_load(f"backlog.{key}.{name}.c{CONCURRENCY}", run_load(spec))
    sizes = rss_mib(env.stack)
    outcome.metrics[f"backlog.{key}.webhooks_rss_mib"] = sizes.get("webhooks", float("nan"))
    outcome.metrics[f"backlog.{key}.total_rss_mib"] = sum(sizes.values())
    return outcome


def seed_waiting_deliveries(env: Environment, merchant_id: str, url: str, count: int, policy: RetryPolicy) -> None:
    """Log entries whose fourth attempt failed, each with its last attempt due in two hours through the outbox."""
    engine = make_engine(env.stack.env["DATABASE_URL"], pool_size=1, application_name="bench")
    outbox = Outbox(messaging.outbox)
    box = SecretBox(env.stack.env["PAYGATE_SECRET_KEY"])
    last = policy.max_attempts
    try:
        for first in range(0, count, SEED_PER_TRANSACTION):
            now = utcnow()
            jobs = []
            with engine.begin() as conn:
                log = SqlDeliveryLogRepository(conn, box)
                for _ in range(min(SEED_PER_TRANSACTION, count - first)):
                    failed = Attempt(last - 1, now, url, 500, 2, None, "failing on purpose")
                    waiting = replace(_event_entry(merchant_id, now), attempts=last - 2).after_attempt(
                        failed, policy, now
                    )
                    log.add(waiting)
                    jobs.append(Envelope(type=DELIVER_WEBHOOK, payload=DeliveryJob.of(waiting).to_payload()))
                outbox.add_jobs(conn, WEBHOOKS, jobs, delay_ms=policy.delay_before(last) * 1000)
    finally:
        engine.dispose()


def _event_entry(merchant_id: str, now):
    event_id = str(uuid.uuid4())
    payment = {"id": f"pay_{uuid.uuid4().hex[:16]}", "amount": 50_000, "currency": "INR", "status": "success"}
    return new_entry(
        log_id=log_id_for(merchant_id, event_id),
        merchant_id=merchant_id,
        event_id=event_id,
        event="payment.success",
        payment_id=payment["id"],
        body=webhook_body("payment.success", now, {"payment": payment}),
        now=now,
        correlation_id=None,
    )


def forget_waiting_deliveries(env: Environment, merchant_id: str, policy: RetryPolicy) -> None:
    """Remove what was seeded, so the next round starts as this one did."""
    with psycopg2.connect(env.stack.env["DATABASE_URL"]) as database, database.cursor() as cursor:
        cursor.execute("DELETE FROM webhooks.delivery_log WHERE merchant_id = %s", (merchant_id,))
    database.close()
    with Connection(env.stack.env["AMQP_URL"]) as connection:
        delay_queue = WEBHOOKS.delay_queue_name(policy.delay_before(policy.max_attempts) * 1000)
        connection.default_channel.queue_purge(delay_queue)

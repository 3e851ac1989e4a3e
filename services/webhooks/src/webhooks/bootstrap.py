"""The one place the webhooks service's concrete adapters are built and wired to its handlers."""

from __future__ import annotations

from functools import partial

import redis
from sqlalchemy import Engine

from paygate_shared.database import make_engine
from paygate_shared.messaging.consumer import ServiceConsumer
from paygate_shared.messaging.operations import operations_handlers
from paygate_shared.messaging.outbox import OutboxRelay
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import WEBHOOKS, declare_service
from paygate_shared.runtime import Periodic, WorkerProcess
from paygate_shared.secretbox import SecretBox
from webhooks.adapters.dns import resolve_host
from webhooks.adapters.endpoint_slots import EndpointSlots
from webhooks.adapters.http_sender import HttpSender
from webhooks.adapters.subscriptions import BrokerSubscriptions, declare_with_subscriptions
from webhooks.adapters.tables import messaging
from webhooks.adapters.unit_of_work import SqlUnitOfWork
from webhooks.config import Settings
from webhooks.domain.delivery_log import RetryPolicy
from webhooks.domain.url_policy import UrlGuard
from webhooks.handlers import HANDLERS
from webhooks.handlers.deliver_webhook import ENDPOINT_BUSY_DELAY_MS, ENDPOINT_SLOW_DELAY_MS
from webhooks.handlers.dependencies import Dependencies
from webhooks.handlers.job_counts import job_counts
from webhooks.handlers.reschedule_overdue import SWEEP_INTERVAL_S, reschedule_overdue


def build_dependencies(settings: Settings, engine: Engine, autocommit_engine: Engine) -> Dependencies:
    guard = UrlGuard(resolve=resolve_host, allow_private=settings.allow_private_urls)
    box = SecretBox(settings.secret_key)
    return Dependencies(
        unit_of_work=partial(SqlUnitOfWork, engine, autocommit_engine, box),
        sender=HttpSender(guard, kept_per_address=settings.handler_threads),
        guard=guard,
        slots=EndpointSlots(settings.endpoint_concurrency),
        retry_policy=RetryPolicy(settings.retry_delays_s),
        subscriptions=BrokerSubscriptions(settings.connections.amqp_url),
    )


def delay_queues_ms(policy: RetryPolicy) -> set[int]:
    """Every delay a delivery job can be scheduled with; each needs its own delay queue."""
    return {seconds * 1000 for seconds in policy.delays_s if seconds > 0} | {
        ENDPOINT_BUSY_DELAY_MS,
        ENDPOINT_SLOW_DELAY_MS,
    }


def build_worker(settings: Settings) -> tuple[WorkerProcess, Dependencies]:
    connections = settings.connections
    engine = make_engine(connections.database_url, pool_size=settings.handler_threads, application_name="webhooks")
    # the single-statement units of the hot path (an event's entry, an attempt's record) run without BEGIN and COMMIT
    autocommit_engine = make_engine(
        connections.database_url, pool_size=settings.handler_threads, application_name="webhooks", autocommit=True
    )
    deps = build_dependencies(settings, engine, autocommit_engine)
    publisher = Publisher(connections.amqp_url)
    handlers = {message_type: partial(handler, deps=deps) for message_type, handler in HANDLERS.items()}
    consumer = ServiceConsumer(
        amqp_url=connections.amqp_url,
        topology=WEBHOOKS,
        handlers={**handlers, **operations_handlers(WEBHOOKS.name, engine, messaging.outbox)},
        publisher=publisher,
        declare=partial(
            declare_with_subscriptions,
            engine=engine,
            declare=partial(declare_service, topology=WEBHOOKS, delays_ms=delay_queues_ms(deps.retry_policy)),
        ),
        pool_size=settings.handler_threads,
        prefetch=settings.handler_threads,
    )
    worker = WorkerProcess(
        service=WEBHOOKS.name,
        consumer=consumer,
        relay=OutboxRelay(engine, messaging.outbox, publisher),
        redis_client=redis.Redis.from_url(connections.redis_url, socket_timeout=2, socket_connect_timeout=2),
        redis_prefix=connections.redis_prefix,
        job_counts=partial(job_counts, deps),
        periodic=[Periodic("reschedule-overdue", SWEEP_INTERVAL_S, partial(reschedule_overdue, deps))],
        metrics_port=connections.metrics_port,
    )
    return worker, deps

"""The one place the payments service's concrete adapters are built and wired."""

from __future__ import annotations

from functools import partial

import redis
from sqlalchemy import Engine

from paygate_shared.database import make_engine
from paygate_shared.messaging.consumer import ServiceConsumer
from paygate_shared.messaging.operations import operations_handlers
from paygate_shared.messaging.outbox import OutboxRelay
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import PAYMENTS, declare_service
from paygate_shared.runtime import WorkerProcess
from payments.adapters.repository import SqlPaymentsRepository
from payments.adapters.tables import messaging
from payments.adapters.unit_of_work import SqlUnitOfWork
from payments.config import Settings
from payments.domain.processing import ProcessorPolicy
from payments.handlers import build_handlers, build_periodic
from payments.handlers.dependencies import Dependencies


def processor_policy(settings: Settings) -> ProcessorPolicy:
    return ProcessorPolicy(
        test_mode=settings.connections.test_mode,
        test_delay_ms=settings.test_processing_delay_ms,
        test_success=settings.test_payment_success,
    )


def job_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        by_status = SqlPaymentsRepository(conn).counts_by_status()
    return {
        "pending": by_status.get("pending", 0),
        "completed": by_status.get("success", 0) + by_status.get("failed", 0),
        "failed": 0,
    }


def build_worker(settings: Settings) -> WorkerProcess:
    connections = settings.connections
    engine = make_engine(connections.database_url, pool_size=settings.pool_size + 2, application_name="payments")
    policy = processor_policy(settings)
    publisher = Publisher(connections.amqp_url)
    deps = Dependencies(unit_of_work=partial(SqlUnitOfWork, engine), policy=policy)
    consumer = ServiceConsumer(
        amqp_url=connections.amqp_url,
        topology=PAYMENTS,
        handlers={**build_handlers(deps), **operations_handlers("payments", engine, messaging.outbox)},
        publisher=publisher,
        declare=partial(declare_service, topology=PAYMENTS, delays_ms=policy.possible_delays_ms()),
        pool_size=settings.pool_size,
        prefetch=settings.prefetch,
    )
    return WorkerProcess(
        service="payments",
        consumer=consumer,
        relay=OutboxRelay(engine, messaging.outbox, Publisher(connections.amqp_url)),
        redis_client=redis.Redis.from_url(connections.redis_url, socket_timeout=2, socket_connect_timeout=2),
        redis_prefix=connections.redis_prefix,
        job_counts=partial(job_counts, engine),
        periodic=build_periodic(deps),
        metrics_port=connections.metrics_port,
    )

"""The one place the refunds service's concrete adapters are built and wired."""

from __future__ import annotations

from functools import partial

import redis
from sqlalchemy import Engine

from paygate_shared.database import make_engine
from paygate_shared.messaging.consumer import ServiceConsumer
from paygate_shared.messaging.operations import operations_handlers
from paygate_shared.messaging.outbox import OutboxRelay
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.rpc import RpcClient
from paygate_shared.messaging.topology import REFUNDS, declare_service
from paygate_shared.runtime import WorkerProcess
from refunds.adapters.payments_service import RpcPaymentsService
from refunds.adapters.repository import SqlRefundsRepository
from refunds.adapters.tables import messaging
from refunds.adapters.unit_of_work import SqlUnitOfWork
from refunds.config import Settings
from refunds.domain.processing import RefundTiming
from refunds.domain.refund import PENDING, PROCESSED
from refunds.handlers import build_handlers, build_periodic
from refunds.handlers.dependencies import Dependencies


def refund_timing(settings: Settings) -> RefundTiming:
    return RefundTiming(
        test_mode=settings.connections.test_mode, test_delay_ms=settings.test_refund_processing_delay_ms
    )


def job_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        by_status = SqlRefundsRepository(conn).counts_by_status()
    return {"pending": by_status.get(PENDING, 0), "completed": by_status.get(PROCESSED, 0), "failed": 0}


def build_worker(settings: Settings) -> WorkerProcess:
    connections = settings.connections
    # handlers, the relay, the heartbeat's counts and the sweep each hold a connection at times
    engine = make_engine(connections.database_url, pool_size=settings.pool_size + 3, application_name="refunds")
    timing = refund_timing(settings)
    publisher = Publisher(connections.amqp_url)
    deps = Dependencies(
        unit_of_work=partial(SqlUnitOfWork, engine),
        payments=RpcPaymentsService(RpcClient(connections.amqp_url, timeout=connections.rpc_timeout)),
        timing=timing,
    )
    consumer = ServiceConsumer(
        amqp_url=connections.amqp_url,
        topology=REFUNDS,
        handlers={**build_handlers(deps), **operations_handlers("refunds", engine, messaging.outbox)},
        publisher=publisher,
        declare=partial(declare_service, topology=REFUNDS, delays_ms=timing.possible_delays_ms()),
        pool_size=settings.pool_size,
        prefetch=settings.prefetch,
    )
    return WorkerProcess(
        service="refunds",
        consumer=consumer,
        relay=OutboxRelay(engine, messaging.outbox, Publisher(connections.amqp_url)),
        redis_client=redis.Redis.from_url(connections.redis_url, socket_timeout=2, socket_connect_timeout=2),
        redis_prefix=connections.redis_prefix,
        job_counts=partial(job_counts, engine),
        periodic=build_periodic(deps),
        metrics_port=connections.metrics_port,
    )

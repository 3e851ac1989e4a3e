"""Fixtures for the messaging tests: a throwaway schema, a fresh service topology per test, running consumers."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import text

from paygate_shared.database import make_engine
from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.consumer import ServiceConsumer
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.parking import ParkedMessage, list_parked
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import ServiceTopology, declare_service
from tests.shared.messaging.scratch import SCHEMA, ScratchTables, scratch_topology
from tests.support.rabbitmq import BrokerAdmin
from tests.support.waiting import eventually

DELAYS_MS = (1_000, 10_000)


@pytest.fixture(scope="session")
def amqp_url(isolation) -> str:
    return isolation.amqp_url


@pytest.fixture(scope="session")
def engine(isolation):
    engine = make_engine(isolation.database_url, pool_size=25, application_name="msgtest")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def tables(engine) -> ScratchTables:
    created = ScratchTables()
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
        created.metadata.create_all(conn)
    return created


@pytest.fixture
def clean_tables(engine, tables) -> ScratchTables:
    with engine.begin() as conn:
        for table in reversed(tables.metadata.sorted_tables):
            conn.execute(table.delete())
    return tables


@pytest.fixture
def topology(amqp_url) -> ServiceTopology:
    """A service of its own for each test, declared with 1 s and 10 s delay queues."""
    declared = scratch_topology(f"msgtest_{uuid.uuid4().hex[:8]}")
    with publisher_connection(amqp_url, confirms=False) as connection:
        declare_service(connection.default_channel, declared, DELAYS_MS)
    return declared


@pytest.fixture
def publisher(amqp_url) -> Iterator[Publisher]:
    created = Publisher(amqp_url)
    yield created
    created.close()


@pytest.fixture
def start_consumer(amqp_url, topology) -> Iterator[Callable[..., ServiceConsumer]]:
    """Start a ServiceConsumer (the test's topology and vhost unless told) in a thread; all stop after the test."""
    running: list[tuple[ServiceConsumer, threading.Thread, Publisher]] = []

    def start(handlers, **options) -> ServiceConsumer:
        url = options.pop("amqp_url", amqp_url)
        consumer_publisher = Publisher(url)
        consumer = ServiceConsumer(
            amqp_url=url,
            topology=options.pop("topology", topology),
            handlers=handlers,
            publisher=consumer_publisher,
            declare=options.pop("declare", lambda channel: None),
            **options,
        )
        thread = threading.Thread(target=consumer.run, name="test-consumer", daemon=True)
        thread.start()
        running.append((consumer, thread, consumer_publisher))
        eventually(consumer.connected.is_set, timeout=20, what="the consumer to connect")
        return consumer

    yield start
    for consumer, thread, consumer_publisher in running:
        consumer.stop()
        thread.join(timeout=30)
        consumer_publisher.close()


@pytest.fixture(scope="session")
def broker_admin(isolation) -> BrokerAdmin:
    return BrokerAdmin(isolation.vhost)


@pytest.fixture
def send_job(publisher, topology) -> Callable[[Envelope], Envelope]:
    """Put a job on the test service's jobs queue."""

    def send(envelope: Envelope) -> Envelope:
        publisher.publish(envelope, exchange=topology.work_exchange, routing_key=topology.jobs_queue)
        return envelope

    return send


@pytest.fixture
def parked(amqp_url, topology) -> Callable[[], list[ParkedMessage]]:
    """What rests in the test service's parking queues."""
    return lambda: list_parked(amqp_url, topologies=[topology])

"""Fixtures for the messaging tests: a throwaway schema, a fresh service topology per test, running consumers."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, text

from paygate_shared.database import make_engine
from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.consumer import ServiceConsumer
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.tables import MessagingTables, messaging_tables
from paygate_shared.messaging.topology import ServiceTopology, declare_service
from tests.support.rabbitmq import BrokerAdmin
from tests.support.waiting import eventually

SCHEMA = "msgtest"
DELAYS_MS = (1_000, 10_000)


class ScratchTables:
    """The messaging tables plus an `effects` table a handler writes to, in the `msgtest` schema."""

    def __init__(self) -> None:
        self.metadata = MetaData(schema=SCHEMA)
        self.messaging: MessagingTables = messaging_tables(self.metadata)
        self.effects = Table(
            "effects",
            self.metadata,
            Column("id", Integer, primary_key=True),
            Column("message_id", String(64), nullable=False),
            Column("note", String(200)),
        )


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
    declared = ServiceTopology(f"msgtest_{uuid.uuid4().hex[:8]}", event_patterns=("thing.*",))
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
    """Start a ServiceConsumer for the test's topology in a thread; every one is stopped after the test."""
    running: list[tuple[ServiceConsumer, threading.Thread, Publisher]] = []

    def start(handlers, **options) -> ServiceConsumer:
        consumer_publisher = Publisher(amqp_url)
        consumer = ServiceConsumer(
            amqp_url=amqp_url,
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

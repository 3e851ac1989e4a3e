"""The transactional outbox: messages written with the business change reach the broker, in order, once."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

import pytest

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PublishFailed, ServiceUnavailable
from paygate_shared.messaging.outbox import Outbox, OutboxRelay, rows_committed
from paygate_shared.messaging.publisher import Outgoing, Publisher
from paygate_shared.messaging.unit_of_work import TransactionalUnitOfWork
from tests.support.tcp_proxy import TcpProxy
from tests.support.waiting import eventually


class BrokerGoneAfter(Publisher):
    """A real publisher whose broker goes away after confirming `count` messages."""

    def __init__(self, amqp_url: str, count: int) -> None:
        super().__init__(amqp_url)
        self._left = count

    def publish_batch(self, messages: Sequence[Outgoing]) -> None:
        sent = messages[: self._left]
        super().publish_batch(sent)
        self._left -= len(sent)
        if len(sent) < len(messages):
            raise PublishFailed("broker unavailable: connection reset by peer", confirmed=len(sent))


def through(proxy: TcpProxy, amqp_url: str) -> str:
    parts = urlsplit(amqp_url)
    return urlunsplit(parts._replace(netloc=f"{parts.username}:{parts.password}@127.0.0.1:{proxy.port}"))


@pytest.fixture
def outbox(clean_tables) -> Outbox:
    return Outbox(clean_tables.messaging.outbox)


def backlog(engine, outbox: Outbox) -> int:
    with engine.connect() as conn:
        return outbox.backlog(conn)[0]


def write_jobs(engine, outbox: Outbox, topology, numbers: range, **options) -> None:
    with engine.begin() as conn:
        for n in numbers:
            outbox.add_job(conn, topology, Envelope("thing.process", {"n": n}), **options)


def test_rows_written_while_the_broker_is_unreachable_are_published_in_order_once_it_is_back(
    amqp_url, engine, clean_tables, outbox, topology, start_consumer
):
    jobs, events = [], []
    start_consumer(
        {
            "thing.process": lambda envelope: jobs.append(envelope.payload["n"]),
            "thing.happened": lambda envelope: events.append(envelope.message_id),
        },
        pool_size=1,
    )
    stopping = threading.Event()
    with TcpProxy(("127.0.0.1", urlsplit(amqp_url).port)) as proxy:
        proxy.down()
        relay = OutboxRelay(engine, clean_tables.messaging.outbox, Publisher(through(proxy, amqp_url)))
        relaying = threading.Thread(target=relay.run, args=(stopping,), daemon=True)
        relaying.start()
        try:
            for first in (0, 10, 20):
                write_jobs(engine, outbox, topology, range(first, first + 10))
            happened = Envelope("thing.happened", {"amount": 50_000})
            with engine.begin() as conn:
                outbox.add_event(conn, happened)
            eventually(lambda: proxy.refused >= 2, what="the relay trying the unreachable broker")
            assert (jobs, events, backlog(engine, outbox)) == ([], [], 31)

            proxy.up()

            eventually(lambda: backlog(engine, outbox) == 0, timeout=30, what="the outbox flushed")
            eventually(lambda: len(jobs) >= 30 and events, what="the jobs and the event consumed")
        finally:
            stopping.set()
            relaying.join(timeout=30)
    assert jobs == list(range(30))
    assert events == [happened.message_id]


def test_rows_published_before_the_broker_went_away_mid_batch_are_not_published_again(
    amqp_url, engine, clean_tables, outbox, topology, publisher, start_consumer
):
    jobs = []
    start_consumer({"thing.process": lambda envelope: jobs.append(envelope.payload["n"])}, pool_size=1)
    write_jobs(engine, outbox, topology, range(10))

    with pytest.raises(ServiceUnavailable):
        OutboxRelay(engine, clean_tables.messaging.outbox, BrokerGoneAfter(amqp_url, 4)).relay_once()
    assert backlog(engine, outbox) == 6
    assert OutboxRelay(engine, clean_tables.messaging.outbox, publisher).relay_once() == 6

    eventually(lambda: len(jobs) >= 10, what="every job consumed")
    assert backlog(engine, outbox) == 0
    assert jobs == list(range(10))


def test_a_delayed_job_from_the_outbox_arrives_after_its_delay(
    engine, clean_tables, outbox, topology, publisher, start_consumer
):
    arrived = []
    start_consumer({"thing.process": lambda envelope: arrived.append(time.monotonic())})
    write_jobs(engine, outbox, topology, range(1), delay_ms=1_000)
    written_at = time.monotonic()

    assert OutboxRelay(engine, clean_tables.messaging.outbox, publisher).relay_once() == 1

    [arrived_at] = eventually(lambda: arrived, what="the delayed job")
    assert arrived_at - written_at >= 1.0


def test_a_committed_unit_of_work_wakes_the_relay_instead_of_waiting_for_its_poll(
    engine, clean_tables, outbox, topology, publisher, start_consumer
):
    jobs, events = [], []
    start_consumer(
        {
            "thing.process": lambda envelope: jobs.append(envelope.payload["n"]),
            "thing.happened": lambda envelope: events.append(envelope.payload["n"]),
        }
    )
    relay = OutboxRelay(engine, clean_tables.messaging.outbox, publisher, poll_interval=600)
    stopping = threading.Event()
    relaying = threading.Thread(target=relay.run, args=(stopping,), daemon=True)
    write_jobs(engine, outbox, topology, range(1))  # found by the relay's first look, before it sleeps
    relaying.start()
    try:
        eventually(lambda: jobs == [0], what="the job written before the relay started")

        with TransactionalUnitOfWork(engine, clean_tables.messaging, topology) as uow:
            uow.schedule(Envelope("thing.process", {"n": 1}), delay_ms=0)
            uow.publish(Envelope("thing.happened", {"n": 2}))

        # the relay now sleeps for its ten-minute poll unless the commit woke it
        eventually(lambda: jobs == [0, 1] and events == [2], timeout=30, what="what the unit of work committed")
        assert backlog(engine, outbox) == 0
    finally:
        stopping.set()
        rows_committed()
        relaying.join(timeout=30)

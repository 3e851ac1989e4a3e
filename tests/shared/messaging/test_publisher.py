"""Publishing a batch: in order, with one wait for the broker's confirms, and an exact count of what it confirmed."""

from __future__ import annotations

import uuid

import pytest
from kombu import Connection, Queue

from paygate_shared.messaging.errors import PublishFailed
from paygate_shared.messaging.publisher import Outgoing


@pytest.fixture
def small_queue(amqp_url):
    """A queue that holds three messages and refuses (nacks) any more."""
    name = f"publisher_test_{uuid.uuid4().hex[:8]}"
    with Connection(amqp_url) as connection:
        queue = Queue(name, queue_arguments={"x-max-length": 3, "x-overflow": "reject-publish"})
        queue(connection.default_channel).declare()
        yield name, connection
        queue(connection.default_channel).delete()


def batch(queue: str, count: int) -> list[Outgoing]:
    return [Outgoing(f'{{"n": {n}}}'.encode(), "", queue, message_id=str(n)) for n in range(count)]


def bodies(connection: Connection, queue: str) -> list[str]:
    channel = connection.default_channel
    received = []
    while (message := channel.basic_get(queue, no_ack=True)) is not None:
        received.append(message.body)
    return received


def test_a_batch_arrives_whole_and_in_order(publisher, small_queue):
    queue, connection = small_queue

    publisher.publish_batch(batch(queue, 3))

    assert bodies(connection, queue) == ['{"n": 0}', '{"n": 1}', '{"n": 2}']


def test_a_batch_the_broker_refuses_in_part_says_how_many_were_confirmed(publisher, small_queue):
    queue, connection = small_queue

    with pytest.raises(PublishFailed) as refused:
        publisher.publish_batch(batch(queue, 5))

    assert refused.value.confirmed == 3
    assert len(bodies(connection, queue)) == 3


def test_the_publisher_keeps_working_after_a_refused_batch(publisher, small_queue):
    queue, connection = small_queue
    with pytest.raises(PublishFailed):
        publisher.publish_batch(batch(queue, 5))
    bodies(connection, queue)

    publisher.publish_batch(batch(queue, 2))

    assert len(bodies(connection, queue)) == 2

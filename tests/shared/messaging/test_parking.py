"""Parked messages can be listed and put back to work, from code and with `paygate parking list|replay`."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from paygate_shared.messaging.parking import replay_parked
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import REFUNDS, declare_service
from tests.support.isolation import create_isolation, destroy_isolation
from tests.support.stack import REPO, base_env
from tests.support.waiting import eventually


class Endpoint:
    """A dependency that refuses every message until it is repaired."""

    def __init__(self) -> None:
        self.repaired = threading.Event()
        self.done: list[str] = []

    def process(self, envelope: Envelope) -> None:
        if not self.repaired.is_set():
            raise PermanentError("the endpoint refuses this message")
        self.done.append(envelope.message_id)


def test_replaying_a_parked_message_puts_it_back_to_work(amqp_url, topology, send_job, start_consumer, parked):
    endpoint = Endpoint()
    start_consumer({"thing.process": endpoint.process})
    first, second = send_job(Envelope("thing.process", {})), send_job(Envelope("thing.process", {}))
    eventually(lambda: len(parked()) == 2, what="both messages parked")
    endpoint.repaired.set()

    assert replay_parked(amqp_url, message_id=first.message_id, topologies=[topology]) == 1

    eventually(lambda: endpoint.done == [first.message_id], what="the replayed message processed")
    assert [m.message_id for m in parked()] == [second.message_id]


def test_a_replayed_message_that_fails_again_is_parked_again(amqp_url, topology, send_job, start_consumer, parked):
    start_consumer({"thing.process": Endpoint().process})
    job = send_job(Envelope("thing.process", {}))
    eventually(parked, what="the message parked")

    assert replay_parked(amqp_url, topologies=[topology]) == 1

    eventually(lambda: [m.message_id for m in parked()] == [job.message_id], what="the message parked again")


@pytest.fixture(scope="module")
def operator_run():
    """A run of its own: the operator command looks at the real services' queues, which no stack consumes here."""
    run = create_isolation("parking")
    with publisher_connection(run.amqp_url, confirms=False) as connection:
        declare_service(connection.default_channel, REFUNDS)
    yield run
    destroy_isolation(run)


def paygate(run, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gateway.cli", *args],
        env=base_env(run),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_operator_lists_a_parked_message_and_replays_it_to_work(operator_run, start_consumer):
    endpoint = Endpoint()
    start_consumer({"refund.process": endpoint.process}, topology=REFUNDS, amqp_url=operator_run.amqp_url)
    publisher = Publisher(operator_run.amqp_url)
    job = Envelope("refund.process", {"refund_id": "rfnd_0123456789abcdef", "amount": 2_500})
    publisher.publish(job, exchange=REFUNDS.work_exchange, routing_key=REFUNDS.jobs_queue)
    publisher.close()
    eventually(lambda: json.loads(paygate(operator_run, "parking", "list").stdout), what="the message listed")

    listed = paygate(operator_run, "parking", "list")

    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [
        {
            "queue": "refunds.jobs",
            "message_id": job.message_id,
            "type": "refund.process",
            "reason": "rejected",
            "size": len(job.to_json()),
        }
    ]

    endpoint.repaired.set()
    replayed = paygate(operator_run, "parking", "replay", "--message-id", job.message_id)

    assert replayed.returncode == 0, replayed.stderr
    assert "replayed 1 message(s)" in replayed.stdout
    eventually(lambda: endpoint.done == [job.message_id], what="the replayed message processed")
    assert json.loads(paygate(operator_run, "parking", "list").stdout) == []

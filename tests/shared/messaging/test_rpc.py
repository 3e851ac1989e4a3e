"""Request/reply: answers come back, business errors travel back, deadlines hold."""

from __future__ import annotations

import time

import pytest

from paygate_shared.messaging.errors import CommandRejected, ServiceUnavailable
from paygate_shared.messaging.rpc import RpcClient


@pytest.fixture
def rpc(amqp_url):
    client = RpcClient(amqp_url, timeout=10)
    yield client
    client.close()


def test_a_command_gets_its_handlers_result_back(rpc, topology, start_consumer):
    start_consumer({"add": lambda envelope: {"sum": envelope.payload["a"] + envelope.payload["b"]}})

    assert rpc.call(topology.name, "add", {"a": 40_000, "b": 2}) == {"sum": 40_002}
    assert rpc.call(topology.name, "add", {"a": 1, "b": 1}) == {"sum": 2}


def test_a_rejected_command_comes_back_as_the_same_business_error(rpc, topology, start_consumer):
    def refuse(envelope):
        raise CommandRejected(400, "BAD_REQUEST_ERROR", "amount exceeds the order")

    start_consumer({"refuse": refuse})

    with pytest.raises(CommandRejected) as rejected:
        rpc.call(topology.name, "refuse", {})

    assert (rejected.value.status, rejected.value.code) == (400, "BAD_REQUEST_ERROR")
    assert rejected.value.description == "amount exceeds the order"


def test_a_call_to_a_service_nobody_serves_raises_service_unavailable_by_its_deadline(rpc, topology):
    started = time.monotonic()

    with pytest.raises(ServiceUnavailable):
        rpc.call(topology.name, "add", {"a": 1, "b": 2}, timeout=1.0)

    waited = time.monotonic() - started
    assert waited >= 1.0
    assert waited < 5.0, "the caller must give up at its deadline, not hang"


def test_a_command_that_arrives_after_its_deadline_is_dropped_not_executed(rpc, topology, start_consumer):
    executed = []
    with pytest.raises(ServiceUnavailable):
        rpc.call(topology.name, "create", {"n": "late"}, timeout=0.5)

    start_consumer({"create": lambda envelope: executed.append(envelope.payload["n"]) or "created"})

    assert rpc.call(topology.name, "create", {"n": "on time"}) == "created"
    assert executed == ["on time"]


def test_a_call_works_after_the_broker_closed_the_callers_idle_connection(rpc, topology, start_consumer, broker_admin):
    start_consumer({"ping": lambda envelope: "pong"})
    assert rpc.call(topology.name, "ping", {}) == "pong"

    broker_admin.close_connections(lambda name: name.startswith("rpc"))

    assert rpc.call(topology.name, "ping", {}) == "pong"


def test_a_command_whose_result_cannot_travel_gets_an_error_and_the_service_keeps_answering(
    rpc, topology, start_consumer
):
    def quote(envelope):
        paise = envelope.payload["paise"]
        return {"rupees": paise / 100 if paise % 100 else paise // 100}  # a float slips out for odd amounts

    start_consumer({"quote": quote})

    with pytest.raises(CommandRejected) as failed:
        rpc.call(topology.name, "quote", {"paise": 150})
    assert failed.value.status == 503

    assert rpc.call(topology.name, "quote", {"paise": 200}) == {"rupees": 2}

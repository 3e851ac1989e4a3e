"""The operator commands every service answers: the state of its outbox."""

from __future__ import annotations

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.operations import OUTBOX_STATUS, operations_handlers
from paygate_shared.messaging.outbox import Outbox
from paygate_shared.messaging.rpc import RpcClient


def test_a_service_reports_its_waiting_outbox_messages_and_the_age_of_the_oldest_in_whole_seconds(
    amqp_url, engine, clean_tables, topology, start_consumer
):
    outbox_table = clean_tables.messaging.outbox
    with engine.begin() as conn:
        Outbox(outbox_table).add_job(conn, topology, Envelope("thing.process", {"n": 1}))
    start_consumer(operations_handlers(topology.name, engine, outbox_table))
    client = RpcClient(amqp_url, timeout=10)

    status = client.call(topology.name, OUTBOX_STATUS, {})
    client.close()

    assert status["service"] == topology.name
    assert status["waiting"] == 1
    assert isinstance(status["oldest_age_seconds"], int)

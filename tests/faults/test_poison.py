"""Poison messages are parked, and the queues they were in keep flowing around them."""

from __future__ import annotations

import uuid

import pytest

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.parking import list_parked
from paygate_shared.messaging.publisher import Publisher
from paygate_shared.messaging.topology import PAYMENTS, REFUNDS, WEBHOOKS, ServiceTopology
from tests.faults.broker import parking_queues, purge
from tests.faults.harness import FaultRun
from tests.support.stack import installed


def envelope(message_type: str, payload: dict) -> bytes:
    return Envelope(type=message_type, payload=payload).to_json()


#: (service, queue, body): messages no handler can ever make sense of
PERMANENT_POISON = [
    (PAYMENTS, PAYMENTS.jobs_queue, b"{not json"),
    (PAYMENTS, PAYMENTS.jobs_queue, envelope("process_payment", {"payment_id": "pay_NobodyHasThis01"})),
    (PAYMENTS, PAYMENTS.events_queue, envelope("refund.processed", {"refund": {"payment_id": "pay_x"}})),
    (REFUNDS, REFUNDS.jobs_queue, envelope("process_refund", {})),
    (REFUNDS, REFUNDS.jobs_queue, envelope("refund.shred", {"refund_id": "rfnd_x"})),
    (WEBHOOKS, WEBHOOKS.events_queue, envelope("payment.success", {"merchant_id": "not-a-uuid"})),
    (WEBHOOKS, WEBHOOKS.jobs_queue, envelope("deliver_webhook", {"log_id": 7})),
]
#: a message whose handler fails the same way every time, as if a dependency were down for good
FAILS_EVERY_TIME = [(PAYMENTS, PAYMENTS.jobs_queue, envelope("process_payment", {"payment_id": 12345}))]


def inject(amqp_url: str, poison: list[tuple[ServiceTopology, str, bytes]]) -> set[str]:
    """Publish each poison message straight onto its queue; returns their message ids."""
    publisher = Publisher(amqp_url)
    ids = set()
    for topology, queue, body in poison:
        message_id = f"poison-{uuid.uuid4().hex[:12]}"
        publisher.publish_raw(body, exchange=topology.work_exchange, routing_key=queue, message_id=message_id)
        ids.add(message_id)
    publisher.close()
    return ids


@pytest.fixture
def parking_emptied_after(fault_stack):
    """The parked poison is thrown away after the test, so the next scenario starts with empty parking."""
    yield
    workers = [name for name in ("payments", "refunds", "webhooks") if installed(name)]
    for queue in parking_queues(workers):
        purge(fault_stack.isolation.amqp_url, queue)


def poison_for_this_system(poison):
    return [(topology, queue, body) for topology, queue, body in poison if installed(topology.name)]


def run_with_poison(stack, payments: int, poison) -> set[str]:
    """Drive traffic, inject the poison a quarter of the way in, check everything; returns the parked ids."""
    with FaultRun(stack, payments=payments) as run:
        run.start()
        run.wait_for_payments(payments // 4)
        injected = inject(stack.isolation.amqp_url, poison)
        report = run.finish(expected_parked=len(poison))
    parked = {message.message_id for message in list_parked(stack.isolation.amqp_url)}
    print(f"parked {len(parked)} poison message(s): {report}")
    assert parked == injected
    return parked


def test_poison_messages_are_parked_while_every_queue_keeps_flowing(fault_stack, fault_payments, parking_emptied_after):
    run_with_poison(fault_stack, fault_payments, poison_for_this_system(PERMANENT_POISON))


@pytest.mark.slow_faults
def test_a_message_that_fails_every_time_is_retried_then_parked_while_the_queue_keeps_flowing(
    fault_stack, fault_payments, parking_emptied_after
):
    run_with_poison(fault_stack, fault_payments, poison_for_this_system(FAILS_EVERY_TIME))

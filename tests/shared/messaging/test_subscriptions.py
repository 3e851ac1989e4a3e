"""Events by subscription: a service that asks for some merchants' events gets theirs and no one else's."""

from __future__ import annotations

import uuid

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.outbox import Outbox, OutboxRelay
from paygate_shared.messaging.topology import ServiceTopology, declare_service, subscribe_merchant
from tests.support.waiting import eventually


def _topologies(pattern: str) -> tuple[ServiceTopology, ServiceTopology]:
    """A service that subscribes per merchant, and one bound to every event of the pattern."""
    suffix = uuid.uuid4().hex[:8]
    subscribing = ServiceTopology(f"msgtest_sub_{suffix}", event_patterns=(pattern,), events_by_subscription=True)
    everyone = ServiceTopology(f"msgtest_all_{suffix}", event_patterns=(pattern,))
    return subscribing, everyone


def _relay(engine, tables, publisher, events: list[Envelope]) -> int:
    """Publish the events as every service does: outbox rows in a transaction, then the relay."""
    outbox = Outbox(tables.messaging.outbox)
    with engine.begin() as conn:
        outbox.insert(conn, [outbox.event_row(event) for event in events])
    return OutboxRelay(engine, tables.messaging.outbox, publisher).relay_once()


def _take_all(amqp_url: str, queue: str, expected: int) -> list[str]:
    """The message ids in the queue, read once at least `expected` have arrived."""
    taken: list[str] = []

    def arrived() -> bool:
        with publisher_connection(amqp_url, confirms=False) as connection:
            while (message := connection.default_channel.basic_get(queue, no_ack=True)) is not None:
                taken.append(message.properties["message_id"])
        return len(taken) >= expected

    eventually(arrived, timeout=20, what=f"{expected} message(s) in {queue}")
    return taken


def test_a_subscribing_service_gets_its_merchants_events_only_while_others_get_them_all(
    amqp_url, engine, clean_tables, publisher
):
    event_type = f"sub{uuid.uuid4().hex[:8]}.done"
    subscribing, everyone = _topologies(f"{event_type.split('.')[0]}.*")
    with publisher_connection(amqp_url, confirms=False) as connection:
        for topology in (subscribing, everyone):
            declare_service(connection.default_channel, topology)
        subscribe_merchant(connection.default_channel, subscribing, "merchant-with-url")
    with_url, without_url = (
        Envelope(event_type, {"merchant_id": m}) for m in ("merchant-with-url", "merchant-without")
    )

    # the event no one subscribed to is not refused as unroutable: the relay publishes both
    assert _relay(engine, clean_tables, publisher, [without_url, with_url]) == 2

    assert sorted(_take_all(amqp_url, everyone.events_queue, 2)) == sorted(
        [with_url.message_id, without_url.message_id]
    )
    assert _take_all(amqp_url, subscribing.events_queue, 1) == [with_url.message_id]


def test_declaring_removes_the_binding_to_every_event_that_a_system_before_subscriptions_had(
    amqp_url, engine, clean_tables, publisher
):
    event_type = f"old{uuid.uuid4().hex[:8]}.done"
    subscribing, _ = _topologies(f"{event_type.split('.')[0]}.*")
    before = ServiceTopology(subscribing.name, event_patterns=subscribing.event_patterns)
    with publisher_connection(amqp_url, confirms=False) as connection:
        declare_service(connection.default_channel, before)  # its events queue bound to every event
        declare_service(connection.default_channel, subscribing)
        subscribe_merchant(connection.default_channel, subscribing, "merchant-with-url")
    with_url, without_url = (
        Envelope(event_type, {"merchant_id": m}) for m in ("merchant-with-url", "merchant-without")
    )

    assert _relay(engine, clean_tables, publisher, [without_url, with_url]) == 2

    assert _take_all(amqp_url, subscribing.events_queue, 1) == [with_url.message_id]

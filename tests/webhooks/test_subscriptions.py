"""The webhooks worker gets the events of merchants with a URL, and binds them again whenever it starts."""

from __future__ import annotations

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.topology import MERCHANT_HEADER, WEBHOOKS
from tests.support.rabbitmq import BrokerAdmin
from tests.support.waiting import eventually
from tests.webhooks.conftest import a_payment
from tests.webhooks.receiver import Receiver


def subscribed(stack, merchant_id: str) -> bool:
    bindings = BrokerAdmin(stack.isolation.vhost).bindings(WEBHOOKS.subscriptions_exchange.name)
    return any(destination == WEBHOOKS.events_queue and merchant_id in arguments for destination, arguments in bindings)


def test_a_merchant_whose_binding_the_broker_lost_is_bound_again_when_the_worker_starts(stack, new_merchant, events):
    merchant = new_merchant()
    with Receiver() as receiver:
        assert not subscribed(stack, merchant.id)
        merchant.point_webhooks_at(receiver.url)
        assert subscribed(stack, merchant.id)  # before the API answered
        with publisher_connection(stack.isolation.amqp_url, confirms=False) as connection:
            connection.default_channel.queue_unbind(
                queue=WEBHOOKS.events_queue,
                exchange=WEBHOOKS.subscriptions_exchange.name,
                routing_key="",
                arguments={"x-match": "all", MERCHANT_HEADER: merchant.id},
            )
        assert not subscribed(stack, merchant.id)  # the broker lost it
        stack.kill("webhooks")
        stack.start("webhooks")
        eventually(lambda: subscribed(stack, merchant.id), timeout=60, what="the restarted worker binding the merchant")
        stack.wait_until_healthy()

        sent = events("payment.success", merchant.id, payment=a_payment())
        eventually(lambda: receiver.received, what="the event delivered")

    assert [received.headers["webhook-id"] for received in receiver.received] == [merchant.log()[0]["id"]]
    assert receiver.received[0].json["event"] == sent.type

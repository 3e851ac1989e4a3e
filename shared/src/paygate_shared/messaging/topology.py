"""Every exchange, queue and routing key of Paygate, declared here and nowhere else.

Per service (payments, refunds, webhooks):

- `<service>.commands`  quorum queue; request/reply commands from `paygate.commands`
- `<service>.jobs`      quorum queue; background work (process a payment, deliver a webhook)
- `<service>.events`    quorum queue; domain events from `paygate.events` the service reacts to
- `<service>.work`      direct exchange; every queue above is bound to it by its own name,
                        so anything (a job, a retry, a replay) reaches a queue by naming it
- `<service>.delay`     headers exchange; `<service>.delay.<ms>` queues hold a message for
                        exactly <ms> and dead-letter it to `<service>.work` with its routing key
- `<queue>.parking`     where a queue's poison messages rest until an operator replays them
- `<service>.subscriptions`  headers exchange, for a service that wants some merchants' events
                        only (webhooks: those with a URL); bound to `paygate.events` by the
                        service's patterns, and to its events queue once per merchant it
                        subscribes, matching the event's merchant header
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kombu import Exchange, Queue, binding

COMMANDS_EXCHANGE = Exchange("paygate.commands", type="direct", durable=True)
EVENTS_EXCHANGE = Exchange("paygate.events", type="topic", durable=True)
PARKING_EXCHANGE = Exchange("paygate.parking", type="direct", durable=True)
DIRECT_REPLY_TO = "amq.rabbitmq.reply-to"

DELIVERY_LIMIT = 10
# headers exchanges ignore "x-" headers when matching, so this one must not start with "x-"
DELAY_HEADER = "paygate-delay-ms"
RETRY_HEADER = "x-paygate-retries"
#: every domain event names its merchant here, for the subscriptions exchanges to match
MERCHANT_HEADER = "paygate-merchant"
TRANSIENT_RETRY_DELAYS_MS = (1_000, 5_000, 30_000)


@dataclass(frozen=True)
class ServiceTopology:
    """The queues one service consumes and the event patterns it subscribes to."""

    name: str
    event_patterns: tuple[str, ...] = ()
    #: the patterns' events reach the events queue only for merchants the service subscribed to
    events_by_subscription: bool = False

    @property
    def work_exchange(self) -> Exchange:
        return Exchange(f"{self.name}.work", type="direct", durable=True)

    @property
    def delay_exchange(self) -> Exchange:
        return Exchange(f"{self.name}.delay", type="headers", durable=True)

    @property
    def subscriptions_exchange(self) -> Exchange:
        return Exchange(f"{self.name}.subscriptions", type="headers", durable=True)

    @property
    def commands_queue(self) -> str:
        return f"{self.name}.commands"

    @property
    def jobs_queue(self) -> str:
        return f"{self.name}.jobs"

    @property
    def events_queue(self) -> str | None:
        return f"{self.name}.events" if self.event_patterns else None

    @property
    def queue_names(self) -> tuple[str, ...]:
        names = [self.commands_queue, self.jobs_queue]
        if self.events_queue:
            names.append(self.events_queue)
        return tuple(names)

    def delay_queue_name(self, delay_ms: int) -> str:
        return f"{self.name}.delay.{delay_ms}"


PAYMENTS = ServiceTopology("payments", event_patterns=("refund.processed",))
REFUNDS = ServiceTopology("refunds")
WEBHOOKS = ServiceTopology("webhooks", event_patterns=("payment.*", "refund.*"), events_by_subscription=True)
SERVICES: dict[str, ServiceTopology] = {s.name: s for s in (PAYMENTS, REFUNDS, WEBHOOKS)}


def parking_queue_name(queue_name: str) -> str:
    return f"{queue_name}.parking"


def _work_queue(name: str, topology: ServiceTopology, extra_bindings: Iterable[tuple[Exchange, str]]) -> Queue:

    bindings = [binding(topology.work_exchange, routing_key=name)]
    bindings += [binding(exchange, routing_key=key) for exchange, key in extra_bindings]
    return Queue(
        name,
        bindings=bindings,
        durable=True,
        queue_arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": DELIVERY_LIMIT,
            "x-dead-letter-exchange": PARKING_EXCHANGE.name,
            "x-dead-letter-routing-key": name,
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        },
    )


def service_queues(topology: ServiceTopology) -> dict[str, Queue]:
    """The consumable queues of a service, by name."""
    queues = {
        topology.commands_queue: _work_queue(topology.commands_queue, topology, [(COMMANDS_EXCHANGE, topology.name)]),
        topology.jobs_queue: _work_queue(topology.jobs_queue, topology, []),
    }
    if topology.events_queue:
        direct = not topology.events_by_subscription
        queues[topology.events_queue] = _work_queue(
            topology.events_queue,
            topology,
            [(EVENTS_EXCHANGE, pattern) for pattern in topology.event_patterns if direct],
        )
    return queues


def event_headers(merchant_id: str | None) -> dict[str, str]:
    """The headers a domain event is published with."""
    return {MERCHANT_HEADER: merchant_id} if merchant_id else {}


def subscribe_merchant(channel, topology: ServiceTopology, merchant_id: str) -> None:
    """Route the merchant's events to the service's events queue from now on (idempotent)."""
    channel.queue_bind(
        queue=topology.events_queue,
        exchange=topology.subscriptions_exchange.name,
        routing_key="",
        arguments={"x-match": "all", MERCHANT_HEADER: merchant_id},
    )


def _declare_subscriptions(channel, topology: ServiceTopology) -> None:
    exchange = topology.subscriptions_exchange
    exchange(channel).declare()
    for pattern in topology.event_patterns:
        channel.exchange_bind(destination=exchange.name, source=EVENTS_EXCHANGE.name, routing_key=pattern)
        # a system that ran before subscriptions had the events queue bound to every event; no more
        channel.queue_unbind(queue=topology.events_queue, exchange=EVENTS_EXCHANGE.name, routing_key=pattern)


def parking_queue(queue_name: str) -> Queue:
    return Queue(
        parking_queue_name(queue_name),
        exchange=PARKING_EXCHANGE,
        routing_key=queue_name,
        durable=True,
        queue_arguments={"x-queue-type": "quorum"},
    )


def delay_queue(topology: ServiceTopology, delay_ms: int) -> Queue:
    """A queue that holds every message exactly `delay_ms`, then hands it back to the work exchange."""
    if delay_ms <= 0:
        raise ValueError("a delay queue needs a positive delay")
    return Queue(
        topology.delay_queue_name(delay_ms),
        exchange=topology.delay_exchange,
        binding_arguments={"x-match": "all", DELAY_HEADER: delay_ms},
        durable=True,
        queue_arguments={
            "x-message-ttl": delay_ms,
            "x-dead-letter-exchange": topology.work_exchange.name,
        },
    )


def declare_service(channel, topology: ServiceTopology, delays_ms: Iterable[int] = ()) -> None:
    """Declare one service's exchanges, queues, parking and delay queues (idempotent)."""
    for exchange in (
        COMMANDS_EXCHANGE,
        EVENTS_EXCHANGE,
        PARKING_EXCHANGE,
        topology.work_exchange,
        topology.delay_exchange,
    ):
        exchange(channel).declare()
    for name, queue in service_queues(topology).items():
        queue(channel).declare()
        parking_queue(name)(channel).declare()
    if topology.events_by_subscription:
        _declare_subscriptions(channel, topology)
    for delay_ms in sorted(set(delays_ms) | set(TRANSIENT_RETRY_DELAYS_MS)):
        delay_queue(topology, delay_ms)(channel).declare()


def declare_all(channel, delays_ms: dict[str, Iterable[int]] | None = None) -> None:
    """Declare the whole topology: what the gateway does at start so commands wait for their service."""
    for name, topology in SERVICES.items():
        declare_service(channel, topology, (delays_ms or {}).get(name, ()))

"""AMQP connections: one place that says how Paygate connects to RabbitMQ."""

from __future__ import annotations

from kombu import Connection

CONSUMER_HEARTBEAT_S = 10
CONNECT_TIMEOUT_S = 3


def _named(name: str, **options) -> dict:
    """Transport options giving the connection a name operators see in `rabbitmqctl list_connections`."""
    return {"client_properties": {"connection_name": name}, **options}


def consumer_connection(amqp_url: str, *, name: str = "consumer") -> Connection:
    """A long-lived connection whose owner calls heartbeat_check() in its loop."""
    return Connection(
        amqp_url,
        heartbeat=CONSUMER_HEARTBEAT_S,
        connect_timeout=CONNECT_TIMEOUT_S,
        transport_options=_named(name),
    )


def publisher_connection(amqp_url: str, *, confirms: bool = True, name: str = "publisher") -> Connection:
    """A request-driven connection; it is re-opened on the next use when it has died.

    Heartbeats are off because nobody services an idle publisher between requests;
    a dead socket shows itself as an error on the next publish, which reconnects.
    """
    return Connection(
        amqp_url,
        heartbeat=0,
        connect_timeout=CONNECT_TIMEOUT_S,
        transport_options=_named(name, confirm_publish=confirms),
    )

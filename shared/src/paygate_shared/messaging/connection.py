"""AMQP connections: one place that says how Paygate connects to RabbitMQ."""

from __future__ import annotations

from kombu import Connection

CONSUMER_HEARTBEAT_S = 10
CONNECT_TIMEOUT_S = 3


def consumer_connection(amqp_url: str) -> Connection:
    """A long-lived connection whose owner calls heartbeat_check() in its loop."""
    return Connection(amqp_url, heartbeat=CONSUMER_HEARTBEAT_S, connect_timeout=CONNECT_TIMEOUT_S)


def publisher_connection(amqp_url: str, *, confirms: bool = True) -> Connection:
    """A request-driven connection; it is re-opened on the next use when it has died.

    Heartbeats are off because nobody services an idle publisher between requests;
    a dead socket shows itself as an error on the next publish, which reconnects.
    """
    return Connection(
        amqp_url,
        heartbeat=0,
        connect_timeout=CONNECT_TIMEOUT_S,
        transport_options={"confirm_publish": confirms},
    )

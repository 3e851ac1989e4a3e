"""What a worker measures about itself for Prometheus: queue depths, parked messages, outbox backlog."""

from __future__ import annotations

import contextlib
import logging

from kombu import Connection
from prometheus_client import start_http_server

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.outbox import OutboxRelay
from paygate_shared.messaging.topology import ServiceTopology, parking_queue_name
from paygate_shared.metrics import (
    DEFAULT_METRICS_PORTS,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
    PARKED_MESSAGES,
    QUEUE_DEPTH,
)

log = logging.getLogger(__name__)
OBSERVE_INTERVAL_S = 5.0


def serve_metrics(service: str, port: int | None) -> int | None:
    """Serve /metrics on `port` (the service's default when None; 0 turns it off). Returns the port."""
    port = DEFAULT_METRICS_PORTS.get(service, 0) if port is None else port
    if port <= 0:
        return None
    start_http_server(port)
    log.info("%s metrics on http://0.0.0.0:%d/metrics", service, port)
    return port


class BrokerObserver:
    """Reads queue depths with passive declares over one connection of its own, reopened after errors."""

    def __init__(self, amqp_url: str, topology: ServiceTopology, relay: OutboxRelay) -> None:
        self._amqp_url = amqp_url
        self._topology = topology
        self._relay = relay
        self._connection: Connection | None = None

    def observe(self) -> None:
        waiting, oldest = self._relay.backlog()
        OUTBOX_BACKLOG.labels(self._topology.name).set(waiting)
        OUTBOX_OLDEST_AGE.labels(self._topology.name).set(oldest or 0)
        for queue in self._topology.queue_names:
            QUEUE_DEPTH.labels(queue).set(self._depth(queue))
            PARKED_MESSAGES.labels(queue).set(self._depth(parking_queue_name(queue)))

    def _depth(self, queue: str) -> int:
        if self._connection is None:
            self._connection = publisher_connection(self._amqp_url, confirms=False)
        try:
            channel = self._connection.default_channel
            _name, messages, _consumers = channel.queue_declare(queue=queue, passive=True)
            return messages
        except Exception:
            with contextlib.suppress(Exception):
                self._connection.release()
            self._connection = None
            raise

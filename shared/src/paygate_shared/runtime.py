"""Runs a service worker process: consumer, outbox relay, heartbeat and periodic tasks, stopped by SIGTERM/SIGINT."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import redis

from paygate_shared.heartbeat import HEARTBEAT_INTERVAL_S, beat, new_instance_id
from paygate_shared.messaging.consumer import ServiceConsumer
from paygate_shared.messaging.outbox import OutboxRelay
from paygate_shared.metrics import HEARTBEAT, IN_FLIGHT
from paygate_shared.observation import OBSERVE_INTERVAL_S, BrokerObserver, serve_metrics

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    """A task run every `interval_s` seconds in its own thread; failures are logged and retried next time."""

    name: str
    interval_s: float
    run: Callable[[], Any]


@dataclass
class WorkerProcess:
    service: str
    consumer: ServiceConsumer
    relay: OutboxRelay
    redis_client: redis.Redis
    redis_prefix: str
    job_counts: Callable[[], dict[str, int]]
    periodic: list[Periodic] = field(default_factory=list)
    instance: str = field(default_factory=new_instance_id)
    metrics_port: int | None = None

    def run(self) -> None:
        stopping = self.consumer.stopping
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.set())
        serve_metrics(self.service, self.metrics_port)
        observer = BrokerObserver(self.consumer.amqp_url, self.consumer.topology, self.relay)
        tasks = [
            Periodic("heartbeat", HEARTBEAT_INTERVAL_S, self._beat),
            Periodic("observe", OBSERVE_INTERVAL_S, self._observe(observer)),
            *self.periodic,
        ]
        threads = [threading.Thread(target=self.relay.run, args=(stopping,), name="outbox-relay", daemon=True)]
        threads += [
            threading.Thread(target=self._every, args=(task, stopping), name=task.name, daemon=True) for task in tasks
        ]
        for thread in threads:
            thread.start()
        log.info("%s worker %s started", self.service, self.instance)
        self.consumer.run()
        for thread in threads:
            thread.join(timeout=5)
        log.info("%s worker %s stopped", self.service, self.instance)

    def _beat(self) -> None:
        if not self.consumer.connected.is_set():
            return  # a worker cut off from the broker is not doing work; let its heartbeat lapse
        counts = self.job_counts()
        counts["processing"] = counts.get("processing", 0) + self.consumer.in_flight
        IN_FLIGHT.labels(self.service).set(self.consumer.in_flight)
        beat(
            self.redis_client,
            self.redis_prefix,
            self.service,
            self.instance,
            {"instance": self.instance, "jobs": counts},
        )
        HEARTBEAT.labels(self.service).set_to_current_time()

    def _observe(self, observer: BrokerObserver) -> Callable[[], None]:
        def observe() -> None:
            if self.consumer.connected.is_set():  # until then its queues may not be declared yet
                observer.observe()

        return observe

    @staticmethod
    def _every(task: Periodic, stopping: threading.Event) -> None:
        while not stopping.is_set():
            try:
                task.run()
            except Exception as exc:  # a periodic task must survive a database or Redis outage
                log.warning("%s failed: %s", task.name, exc)
            stopping.wait(task.interval_s)

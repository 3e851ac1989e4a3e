"""The consumer every service runs: handlers in a pool, acks after commit, retries, parking.

The connection thread only receives and settles messages; handlers run in a thread
pool so a slow one never starves the connection's heartbeats. A handler's outcome
decides the message's fate:

- returns          -> reply (commands) and ack; the handler has committed by then
- CommandRejected  -> reply with the error (commands) and ack
- PermanentError   -> rejected without requeue: the queue dead-letters it to parking
- anything else    -> republished through a delay queue with a retry count, then acked;
                      once the retries are spent it is parked
"""

from __future__ import annotations

import contextlib
import logging
import queue as queue_module
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from kombu import Consumer, Producer

from paygate_shared.logging import correlation
from paygate_shared.messaging.connection import consumer_connection
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected, PermanentError, ServiceUnavailable
from paygate_shared.messaging.publisher import CONNECTION_ERRORS, Publisher
from paygate_shared.messaging.rpc import deadline_passed, error_reply, ok_reply
from paygate_shared.messaging.topology import (
    DELAY_HEADER,
    RETRY_HEADER,
    TRANSIENT_RETRY_DELAYS_MS,
    ServiceTopology,
    service_queues,
)

log = logging.getLogger(__name__)

MAX_TRANSIENT_RETRIES = 6
POLL_INTERVAL_S = 0.02

Handler = Callable[[Envelope], Any]


@dataclass(frozen=True)
class _Done:
    message: Any
    queue: str
    generation: int
    future: Future


def retry_delay_ms(retries_so_far: int) -> int | None:
    """The delay before retry number `retries_so_far + 1`, or None when retries are spent."""
    if retries_so_far >= MAX_TRANSIENT_RETRIES:
        return None
    index = min(retries_so_far, len(TRANSIENT_RETRY_DELAYS_MS) - 1)
    return TRANSIENT_RETRY_DELAYS_MS[index]


class ServiceConsumer:
    """Consumes a service's queues and dispatches each message by its type to a handler."""

    def __init__(
        self,
        *,
        amqp_url: str,
        topology: ServiceTopology,
        handlers: Mapping[str, Handler],
        publisher: Publisher,
        declare: Callable[[Any], None],
        pool_size: int = 8,
        prefetch: int = 16,
    ) -> None:
        self._amqp_url = amqp_url
        self._topology = topology
        self._handlers = dict(handlers)
        self._publisher = publisher
        self._declare = declare
        self._pool = ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix=f"{topology.name}-handler")
        self._prefetch = prefetch
        self._done: queue_module.SimpleQueue[_Done] = queue_module.SimpleQueue()
        self._generation = 0
        self._in_flight = 0
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self.connected = threading.Event()

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def run(self) -> None:
        """Consume until stop() is called, reconnecting whenever the broker goes away."""
        backoff = 0.5
        while not self.stopping.is_set():
            try:
                self._consume()
                backoff = 0.5
            except CONNECTION_ERRORS as exc:
                self.connected.clear()
                log.warning("broker connection lost (%s); reconnecting in %.1fs", exc, backoff)
                self.stopping.wait(backoff)
                backoff = min(backoff * 2, 5.0)
        self._pool.shutdown(wait=True)

    def stop(self) -> None:
        self.stopping.set()

    def _consume(self) -> None:
        with consumer_connection(self._amqp_url) as connection:
            connection.ensure_connection(max_retries=1)
            channel = connection.channel()
            self._declare(channel)
            channel.basic_qos(prefetch_size=0, prefetch_count=self._prefetch, a_global=False)
            self._generation += 1
            generation = self._generation
            producer = Producer(channel)
            queues = [q for name, q in service_queues(self._topology).items() if name in self._consumed_queues()]
            consumers = [
                Consumer(channel, queues=[q], no_ack=False, on_message=self._receiver(q.name, generation))
                for q in queues
            ]
            for consumer in consumers:
                consumer.consume()
            self.connected.set()
            log.info("consuming %s", ", ".join(q.name for q in queues))
            while not self.stopping.is_set():
                with contextlib.suppress(TimeoutError):
                    connection.drain_events(timeout=POLL_INTERVAL_S)
                connection.heartbeat_check()
                self._settle(producer, generation)
            for consumer in consumers:
                consumer.cancel()
            self._drain_in_flight(connection, producer, generation)
            self.connected.clear()

    def _consumed_queues(self) -> set[str]:
        return set(self._topology.queue_names)

    def _receiver(self, queue_name: str, generation: int) -> Callable[[Any], None]:
        def on_message(message) -> None:
            try:
                envelope = Envelope.from_json(message.body)
            except (ValueError, TypeError) as exc:
                log.error("unreadable message on %s parked: %s", queue_name, exc)
                message.reject(requeue=False)
                return
            if message.properties.get("reply_to") and deadline_passed(message.headers):
                log.warning("%s %s arrived after its deadline; dropped", envelope.type, envelope.message_id)
                message.ack()
                return
            with self._lock:
                self._in_flight += 1
            future = self._pool.submit(self._handle, envelope)
            future.add_done_callback(lambda f: self._done.put(_Done(message, queue_name, generation, f)))

        return on_message

    def _handle(self, envelope: Envelope) -> Any:
        handler = self._handlers.get(envelope.type)
        if handler is None:
            raise PermanentError(f"no handler for message type {envelope.type!r}")
        with correlation(envelope.correlation_id):
            return handler(envelope)

    def _drain_in_flight(self, connection, producer: Producer, generation: int, grace_s: float = 10.0) -> None:
        deadline = time.monotonic() + grace_s
        while self._in_flight and time.monotonic() < deadline:
            with contextlib.suppress(TimeoutError):
                connection.drain_events(timeout=POLL_INTERVAL_S)
            self._settle(producer, generation)

    def _settle(self, producer: Producer, generation: int) -> None:
        while True:
            try:
                done = self._done.get_nowait()
            except queue_module.Empty:
                return
            with self._lock:
                self._in_flight -= 1
            if done.generation != generation:
                continue  # its channel is gone; the broker redelivers it
            self._settle_one(producer, done)

    def _settle_one(self, producer: Producer, done: _Done) -> None:
        message = done.message
        reply_to = message.properties.get("reply_to")
        exc = done.future.exception()
        if exc is None:
            if reply_to:
                self._reply(producer, message, ok_reply(done.future.result()))
            message.ack()
            return
        if reply_to:
            if isinstance(exc, CommandRejected):
                body = error_reply(exc.status, exc.code, exc.description)
            else:
                log.error("command %s failed: %r", message.properties.get("type"), exc)
                body = error_reply(503, "SERVICE_UNAVAILABLE", "The service could not complete the request; try again")
            self._reply(producer, message, body)
            message.ack()
            return
        if isinstance(exc, PermanentError):
            log.error("message on %s parked: %s", done.queue, exc)
            message.reject(requeue=False)
            return
        self._retry_later(message, done.queue, exc)

    def _retry_later(self, message, queue_name: str, exc: BaseException) -> None:
        headers = dict(message.headers or {})
        retries = int(headers.get(RETRY_HEADER, 0))
        delay_ms = retry_delay_ms(retries)
        if delay_ms is None:
            log.error("message on %s parked after %d retries: %r", queue_name, retries, exc)
            message.reject(requeue=False)
            return
        headers[RETRY_HEADER] = retries + 1
        headers[DELAY_HEADER] = delay_ms
        try:
            self._publisher.publish_raw(
                message.body,
                exchange=self._topology.delay_exchange,
                routing_key=queue_name,
                message_id=message.properties.get("message_id"),
                message_type=message.properties.get("type"),
                correlation_id=message.properties.get("correlation_id"),
                headers=headers,
            )
        except ServiceUnavailable:
            log.warning("could not schedule a retry; returning the message to %s", queue_name)
            message.requeue()
            return
        log.warning("retry %d of message on %s in %d ms: %r", retries + 1, queue_name, delay_ms, exc)
        message.ack()

    @staticmethod
    def _reply(producer: Producer, message, body: bytes) -> None:
        producer.publish(
            body,
            exchange="",
            routing_key=message.properties["reply_to"],
            correlation_id=message.properties.get("correlation_id"),
            content_type="application/json",
            content_encoding="utf-8",
            delivery_mode=1,
            retry=False,
        )

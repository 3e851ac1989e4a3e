"""The consumer every service runs: handlers in a pool, acks after commit, retries, parking.

The connection thread only receives and settles messages; handlers run in a thread
pool so a slow one never starves the connection's heartbeats. The connection thread
sleeps until the broker sends something or a handler finishes (a handler wakes it
through a pipe), so an ack or a reply goes out at once and an idle loop costs nothing.
A handler's outcome decides the message's fate:

- returns          -> reply (commands) and ack; the handler has committed by then
- CommandRejected  -> reply with the error (commands) and ack
- PermanentError   -> rejected without requeue: the queue dead-letters it to parking
- anything else    -> republished through a delay queue with a retry count, then acked;
                      once the retries are spent it is parked
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue as queue_module
import select
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import amqp
from kombu import Consumer

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
    delay_queue,
    service_queues,
)
from paygate_shared.metrics import JOB_DURATION, JOBS_PROCESSED

log = logging.getLogger(__name__)

MAX_TRANSIENT_RETRIES = 6
#: the longest the connection thread sleeps without news, so heartbeats are checked in time
WAKE_AT_LEAST_EVERY_S = 0.1
#: frames read in one go before finished handlers are settled again
MOST_FRAMES_PER_TURN = 64

Handler = Callable[[Envelope], Any]


@dataclass(frozen=True)
class _Done:
    message: Any
    queue: str
    generation: int
    future: Future


def retry_delay_ms(
    retries_so_far: int,
    delays_ms: Sequence[int] = TRANSIENT_RETRY_DELAYS_MS,
    max_retries: int = MAX_TRANSIENT_RETRIES,
) -> int | None:
    """The delay before retry number `retries_so_far + 1`, or None when retries are spent.

    The schedule's last delay repeats until `max_retries` retries have been made.
    """
    if retries_so_far >= max_retries:
        return None
    return delays_ms[min(retries_so_far, len(delays_ms) - 1)]


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
        retry_delays_ms: Sequence[int] = TRANSIENT_RETRY_DELAYS_MS,
        max_retries: int = MAX_TRANSIENT_RETRIES,
    ) -> None:
        self._amqp_url = amqp_url
        self._topology = topology
        self._handlers = dict(handlers)
        self._publisher = publisher
        self._declare = declare
        self._pool = ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix=f"{topology.name}-handler")
        self._prefetch = prefetch
        if not retry_delays_ms or min(retry_delays_ms) <= 0:
            raise ValueError("retry_delays_ms needs at least one positive delay")
        self._retry_delays_ms = tuple(retry_delays_ms)
        self._max_retries = max_retries
        self._done: queue_module.SimpleQueue[_Done] = queue_module.SimpleQueue()
        self._wake_reader, self._wake_writer = os.pipe()
        os.set_blocking(self._wake_reader, False)
        os.set_blocking(self._wake_writer, False)
        self._pipe_lock = threading.Lock()
        self._pipe_open = True
        self._generation = 0
        self._in_flight = 0
        self._handling: set[int] = set()  # delivery tags on the current channel whose handler has not been settled
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self.connected = threading.Event()

    @property
    def topology(self) -> ServiceTopology:
        return self._topology

    @property
    def amqp_url(self) -> str:
        return self._amqp_url

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
        with self._pipe_lock:
            self._pipe_open = False
            os.close(self._wake_reader)
            os.close(self._wake_writer)

    def stop(self) -> None:
        self.stopping.set()
        self._wake()

    def _consume(self) -> None:
        with consumer_connection(self._amqp_url, name=f"{self._topology.name} consumer") as connection:
            connection.ensure_connection(max_retries=1)
            channel = connection.channel()
            self._declare(channel)
            for delay_ms in set(self._retry_delays_ms):  # a retry into a missing delay queue would be lost
                delay_queue(self._topology, delay_ms)(channel).declare()
            channel.basic_qos(prefetch_size=0, prefetch_count=self._prefetch, a_global=False)
            self._generation += 1
            generation = self._generation
            self._handling = set()
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
                self._await_news(connection, WAKE_AT_LEAST_EVERY_S)
                connection.heartbeat_check()
                self._settle(generation)
            for consumer in consumers:
                consumer.cancel()
            self._drain_in_flight(connection, generation)
            self.connected.clear()

    def _await_news(self, connection, timeout: float) -> None:
        """Sleep until the broker sends something or a handler finishes, then read what the broker sent.

        py-amqp reads exactly the bytes of each frame, so a socket with nothing to read means no
        frame is waiting in a buffer either: select() on it is safe.
        """
        broker = connection.connection.sock
        readable, _, _ = select.select([broker, self._wake_reader], [], [], timeout)
        if self._wake_reader in readable:
            with contextlib.suppress(BlockingIOError):
                os.read(self._wake_reader, 4096)  # any number of wake-ups, one turn
        if broker in readable:
            for _ in range(MOST_FRAMES_PER_TURN):
                try:
                    connection.drain_events(timeout=0)
                except TimeoutError:
                    return

    def _wake(self) -> None:
        with self._pipe_lock, contextlib.suppress(BlockingIOError):  # a full pipe already holds a wake-up
            if self._pipe_open:
                os.write(self._wake_writer, b"\0")

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
            self._handling.add(message.delivery_tag)
            future = self._pool.submit(self._handle, envelope, bool(message.properties.get("reply_to")))
            future.add_done_callback(lambda f: self._finished(_Done(message, queue_name, generation, f)))

        return on_message

    def _finished(self, done: _Done) -> None:
        self._done.put(done)
        self._wake()

    def _handle(self, envelope: Envelope, replies: bool) -> bytes | None:
        """Run the handler; a command's reply is encoded here, so a result that cannot travel fails like a handler."""
        handler = self._handlers.get(envelope.type)
        if handler is None:
            raise PermanentError(f"no handler for message type {envelope.type!r}")
        started, outcome = time.perf_counter(), "error"
        try:
            with correlation(envelope.correlation_id):
                result = handler(envelope)
            outcome = "ok"
            return ok_reply(result) if replies else None
        except CommandRejected:
            outcome = "rejected"
            raise
        except PermanentError:
            outcome = "permanent_error"
            raise
        finally:
            JOBS_PROCESSED.labels(self._topology.name, envelope.type, outcome).inc()
            JOB_DURATION.labels(self._topology.name, envelope.type).observe(time.perf_counter() - started)

    def _drain_in_flight(self, connection, generation: int, grace_s: float = 10.0) -> None:
        deadline = time.monotonic() + grace_s
        while self._in_flight and time.monotonic() < deadline:
            self._await_news(connection, WAKE_AT_LEAST_EVERY_S)
            self._settle(generation)

    def _settle(self, generation: int) -> None:
        """Settle every finished handler: rejections and retries one by one, then the acks together."""
        acks = []
        while True:
            try:
                done = self._done.get_nowait()
            except queue_module.Empty:
                break
            with self._lock:
                self._in_flight -= 1
            if done.generation != generation:
                continue  # its channel is gone; the broker redelivers it
            self._handling.discard(done.message.delivery_tag)
            if self._settle_one(done):
                acks.append(done.message)
        self._ack(acks)

    def _ack(self, messages: list) -> None:
        """Acknowledge the messages, with one `multiple` ack for those below every delivery still being handled.

        A `multiple` ack covers every delivery up to its tag, so it may only reach as far as the
        lowest tag whose handler is still at work; the messages above it are acknowledged singly.
        """
        if not messages:
            return
        messages.sort(key=lambda message: message.delivery_tag)
        lowest_handling = min(self._handling, default=None)
        covered = [m for m in messages if lowest_handling is None or m.delivery_tag < lowest_handling]
        if len(covered) > 1:
            covered[-1].channel.basic_ack(covered[-1].delivery_tag, multiple=True)
        elif covered:
            covered[0].ack()
        for message in messages[len(covered) :]:
            message.ack()

    def _settle_one(self, done: _Done) -> bool:
        """Reply and reject or retry as the outcome says; True when the message is to be acknowledged."""
        message = done.message
        reply_to = message.properties.get("reply_to")
        exc = done.future.exception()
        if exc is None:
            if reply_to:
                self._reply(message, done.future.result())
            return True
        if reply_to:
            if isinstance(exc, CommandRejected):
                body = error_reply(exc.status, exc.code, exc.description)
            else:
                log.error("command %s failed: %r", message.properties.get("type"), exc)
                body = error_reply(503, "SERVICE_UNAVAILABLE", "The service could not complete the request; try again")
            self._reply(message, body)
            return True
        if isinstance(exc, PermanentError):
            log.error("message on %s parked: %s", done.queue, exc)
            message.reject(requeue=False)
            return False
        self._retry_later(message, done.queue, exc)
        return False

    def _retry_later(self, message, queue_name: str, exc: BaseException) -> None:
        headers = dict(message.headers or {})
        retries = int(headers.get(RETRY_HEADER, 0))
        delay_ms = retry_delay_ms(retries, self._retry_delays_ms, self._max_retries)
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
    def _reply(message, body: bytes) -> None:
        """Answer on the channel the command came on; the plain AMQP publish skips kombu's per-message work."""
        reply = amqp.Message(
            body,
            content_type="application/json",
            content_encoding="utf-8",
            correlation_id=message.properties.get("correlation_id"),
            delivery_mode=1,
        )
        message.channel.basic_publish(reply, exchange="", routing_key=message.properties["reply_to"])

"""Request/reply over RabbitMQ's direct reply-to, with a deadline.

The caller publishes a command to `paygate.commands` with `reply_to` set to
`amq.rabbitmq.reply-to` and waits on the same channel for the answer carrying its
correlation id. No answer by the deadline, or no broker, raises ServiceUnavailable.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

import amqp
from kombu import Consumer, Queue

from paygate_shared.logging import correlation_id_var
from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.envelope import Envelope, decode, encode
from paygate_shared.messaging.errors import CommandRejected, ServiceUnavailable
from paygate_shared.messaging.publisher import CONNECTION_ERRORS
from paygate_shared.messaging.topology import COMMANDS_EXCHANGE, DIRECT_REPLY_TO

log = logging.getLogger(__name__)

DEADLINE_HEADER = "x-paygate-deadline-ms"


def ok_reply(result: Any) -> bytes:
    return encode({"ok": True, "result": result})


def error_reply(status: int, code: str, description: str) -> bytes:
    return encode({"ok": False, "error": {"status": status, "code": code, "description": description}})


def deadline_passed(headers: Mapping[str, Any] | None) -> bool:
    deadline = (headers or {}).get(DEADLINE_HEADER)
    return deadline is not None and time.time() * 1000 > deadline


class _Channel:
    """One thread's connection, reply consumer and producer."""

    def __init__(self, amqp_url: str) -> None:
        self.connection = publisher_connection(amqp_url, confirms=False, name="rpc client")
        self.connection.ensure_connection(max_retries=0)  # a caller is waiting: fail now, not after a back-off
        channel = self.connection.channel()
        self.replies: dict[str, bytes] = {}
        self.returned: set[str] = set()
        self.consumer = Consumer(
            channel,
            queues=[Queue(DIRECT_REPLY_TO, no_declare=True)],
            no_ack=True,
            on_message=self._on_reply,
        )
        self.consumer.consume()
        self.channel = channel
        channel.events["basic_return"].add(self._on_return)

    def _on_reply(self, message) -> None:
        correlation_id = message.properties.get("correlation_id")
        if correlation_id:
            self.replies[correlation_id] = message.body

    def _on_return(self, exception, exchange, routing_key, message) -> None:
        correlation_id = message.properties.get("correlation_id")
        if correlation_id:
            self.returned.add(correlation_id)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already broken
            self.connection.release()


class RpcClient:
    """Sends commands to services and waits for their answer, at most `timeout` seconds."""

    def __init__(self, amqp_url: str, *, timeout: float = 5.0) -> None:
        self._amqp_url = amqp_url
        self._timeout = timeout
        self._local = threading.local()

    def call(
        self,
        service: str,
        command: str,
        payload: Mapping[str, Any],
        *,
        correlation_id: str | None = None,
        timeout: float | None = None,
    ) -> Any:
        """Return the command's result; raise CommandRejected or ServiceUnavailable."""
        timeout = self._timeout if timeout is None else timeout
        correlation_id = correlation_id or correlation_id_var.get()
        deadline = time.monotonic() + timeout
        envelope = Envelope(type=command, payload=payload, correlation_id=correlation_id)
        channel = self._ready_channel()
        request = amqp.Message(
            envelope.to_json(),
            content_type="application/json",
            content_encoding="utf-8",
            delivery_mode=1,
            reply_to=DIRECT_REPLY_TO,
            correlation_id=envelope.message_id,
            message_id=envelope.message_id,
            type=command,
            application_headers={DEADLINE_HEADER: int((time.time() + timeout) * 1000)},
        )
        try:
            # the plain AMQP publish: kombu's Producer adds per-message work a request does not need
            channel.channel.basic_publish(request, exchange=COMMANDS_EXCHANGE.name, routing_key=service, mandatory=True)
            raw = self._wait(channel, envelope.message_id, deadline)
        except CONNECTION_ERRORS as exc:
            self._drop()
            raise ServiceUnavailable(f"message broker unavailable ({exc})") from exc
        if raw is None:
            raise ServiceUnavailable(f"the {service} service did not answer within {timeout:g}s")
        reply = decode(raw)
        if reply.get("ok"):
            return reply.get("result")
        error = reply.get("error") or {}
        raise CommandRejected(error.get("status", 500), error.get("code", "SERVER_ERROR"), error.get("description", ""))

    @staticmethod
    def _wait(channel: _Channel, correlation_id: str, deadline: float) -> bytes | None:
        while True:
            if correlation_id in channel.replies:
                return channel.replies.pop(correlation_id)
            if correlation_id in channel.returned:
                channel.returned.discard(correlation_id)
                return None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                channel.connection.drain_events(timeout=remaining)
            except TimeoutError:
                continue
            # replies to earlier calls that gave up are dropped so they cannot pile up
            stale = [key for key in channel.replies if key != correlation_id]
            for key in stale:
                channel.replies.pop(key, None)

    def ping(self) -> None:
        """Prove the broker answers: a passive declare of the commands exchange, a real round trip."""
        channel = self._ready_channel()
        try:
            channel.connection.default_channel.exchange_declare(COMMANDS_EXCHANGE.name, "direct", passive=True)
        except CONNECTION_ERRORS as exc:
            self._drop()
            raise ServiceUnavailable(f"message broker unavailable ({exc})") from exc

    def _ready_channel(self) -> _Channel:
        """This thread's channel, replaced first if the broker closed it while it sat idle.

        An idle connection learns it was closed (broker restart, operator, network) only
        when it next reads, so read what is pending before publishing: a closed one is
        reopened instead of failing the caller's request.
        """
        channel = self._channel()
        try:
            channel.connection.drain_events(timeout=0)
        except TimeoutError:
            pass
        except CONNECTION_ERRORS as exc:
            log.info("rpc connection was closed while idle (%s); reconnecting", exc)
            self._drop()
            channel = self._channel()
        channel.replies.clear()  # answers to earlier calls that gave up
        channel.returned.clear()
        return channel

    def _channel(self) -> _Channel:
        channel = getattr(self._local, "channel", None)
        if channel is None:
            try:
                channel = _Channel(self._amqp_url)
            except CONNECTION_ERRORS as exc:
                raise ServiceUnavailable(f"message broker unavailable ({exc})") from exc
            self._local.channel = channel
        return channel

    def _drop(self) -> None:
        channel = getattr(self._local, "channel", None)
        self._local.channel = None
        if channel is not None:
            channel.close()

    def close(self) -> None:
        self._drop()

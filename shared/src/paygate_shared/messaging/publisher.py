"""Confirmed, persistent publishing over one reused connection per thread, a message or a batch at a time."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import amqp
from amqp.exceptions import ConnectionError as AMQPConnectionError
from kombu import Connection, Exchange
from kombu.exceptions import OperationalError

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PublishFailed

log = logging.getLogger(__name__)

CONFIRM_TIMEOUT_S = 5.0

#: what kombu/amqp/socket raise when the connection is gone; each means "reconnect".
CONNECTION_ERRORS: tuple[type[BaseException], ...] = (OSError, AMQPConnectionError, OperationalError)


@dataclass(frozen=True)
class Outgoing:
    """One persistent JSON message and where it goes."""

    body: bytes
    exchange: str
    routing_key: str
    message_id: str | None = None
    message_type: str | None = None
    correlation_id: str | None = None
    headers: Mapping[str, Any] | None = None
    mandatory: bool = True

    def to_amqp(self) -> amqp.Message:
        return amqp.Message(
            self.body,
            content_type="application/json",
            content_encoding="utf-8",
            delivery_mode=2,
            message_id=self.message_id,
            type=self.message_type,
            correlation_id=self.correlation_id,
            application_headers=dict(self.headers or {}),
        )


class _Unfinished(Exception):
    """The connection broke while a batch was out; `confirmed` of its messages, from the first, were confirmed."""

    def __init__(self, confirmed: int, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.confirmed = confirmed
        self.cause = cause


class _ConfirmingChannel:
    """One connection and channel in confirm mode; its delivery tags count the messages published on it."""

    def __init__(self, amqp_url: str, on_return) -> None:
        self.connection: Connection = publisher_connection(amqp_url, confirms=False)
        self.connection.ensure_connection(max_retries=0)  # the publisher makes the second attempt
        self._channel = self.connection.channel()
        self._channel.confirm_select()
        self._channel.events["basic_ack"].add(self._on_ack)
        self._channel.events["basic_nack"].add(self._on_nack)
        self._channel.events["basic_return"].add(on_return)
        self._last_tag = 0
        self._outcome: dict[int, bool | None] = {}  # delivery tag -> confirmed (None while unanswered)

    def publish(self, messages: Sequence[Outgoing], timeout: float) -> int:
        """Publish every message, then wait for the broker's answers once; return how many, from the first, it confirmed.

        Waiting once for a whole batch instead of after each message is what makes the outbox relay fast:
        one round trip per batch, not per message.
        """
        first = self._last_tag + 1
        try:
            for message in messages:
                self._last_tag += 1
                self._outcome[self._last_tag] = None
                self._channel.basic_publish(
                    message.to_amqp(),
                    exchange=message.exchange,
                    routing_key=message.routing_key,
                    mandatory=message.mandatory,
                )
            deadline = time.monotonic() + timeout
            while None in self._outcome.values() and (remaining := deadline - time.monotonic()) > 0:
                with contextlib.suppress(TimeoutError):
                    self.connection.drain_events(timeout=remaining)
        except CONNECTION_ERRORS as exc:
            raise _Unfinished(self._confirmed_from(first), exc) from exc
        return self._confirmed_from(first)

    def _confirmed_from(self, first: int) -> int:
        confirmed = 0
        while self._outcome.get(first + confirmed):
            confirmed += 1
        self._outcome.clear()
        return confirmed

    def _on_ack(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple, True)

    def _on_nack(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple, False)

    def _settle(self, delivery_tag: int, multiple: bool, confirmed: bool) -> None:
        """`multiple` answers every message up to `delivery_tag` that was not answered yet."""
        if multiple:
            for tag, outcome in self._outcome.items():
                if tag <= delivery_tag and outcome is None:
                    self._outcome[tag] = confirmed
        elif delivery_tag in self._outcome:
            self._outcome[delivery_tag] = confirmed

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already broken; nothing to release
            self.connection.release()


class Publisher:
    """Publishes persistently and waits for the broker's confirms.

    kombu connections are not thread-safe, so each thread gets its own connection,
    kept open and reused across calls; a broken one is replaced on the next call.
    """

    def __init__(self, amqp_url: str, *, confirm_timeout: float = CONFIRM_TIMEOUT_S) -> None:
        self._amqp_url = amqp_url
        self._confirm_timeout = confirm_timeout
        self._local = threading.local()

    def publish(
        self,
        envelope: Envelope,
        *,
        exchange: Exchange | str,
        routing_key: str,
        headers: Mapping[str, Any] | None = None,
        mandatory: bool = True,
    ) -> None:
        self.publish_raw(
            envelope.to_json(),
            exchange=exchange,
            routing_key=routing_key,
            message_id=envelope.message_id,
            message_type=envelope.type,
            correlation_id=envelope.correlation_id,
            headers=headers,
            mandatory=mandatory,
        )

    def publish_raw(
        self,
        body: bytes,
        *,
        exchange: Exchange | str,
        routing_key: str,
        message_id: str | None = None,
        message_type: str | None = None,
        correlation_id: str | None = None,
        headers: Mapping[str, Any] | None = None,
        mandatory: bool = True,
    ) -> None:
        name = exchange.name if isinstance(exchange, Exchange) else exchange
        message = Outgoing(body, name, routing_key, message_id, message_type, correlation_id, headers, mandatory)
        self.publish_batch([message])

    def publish_batch(self, messages: Sequence[Outgoing]) -> None:
        """Publish the messages in order; raise PublishFailed saying how many, from the first, were confirmed.

        A connection found dead is replaced once and the unconfirmed rest published on the new one.
        """
        if not messages:
            return
        confirmed = 0
        for attempt in (1, 2):
            try:
                confirmed += self._channel().publish(messages[confirmed:], self._confirm_timeout)
            except _Unfinished as unfinished:
                confirmed += unfinished.confirmed
                self._drop()
                if attempt == 2:
                    raise PublishFailed(f"broker unavailable: {unfinished.cause}", confirmed=confirmed) from unfinished
                log.warning("publish failed, reconnecting: %s", unfinished.cause)
                continue
            except CONNECTION_ERRORS as exc:  # could not even connect
                self._drop()
                if attempt == 2:
                    raise PublishFailed(f"broker unavailable: {exc}", confirmed=confirmed) from exc
                log.warning("publish failed, reconnecting: %s", exc)
                continue
            if confirmed == len(messages):
                return
            self._drop()  # a nack (e.g. a full queue) or no answer in time: the channel's state is unknown
            raise PublishFailed(
                f"publish not confirmed within {self._confirm_timeout:g}s or refused", confirmed=confirmed
            )

    def _channel(self) -> _ConfirmingChannel:
        channel = getattr(self._local, "channel", None)
        if channel is None:
            channel = _ConfirmingChannel(self._amqp_url, self._on_return)
            self._local.channel = channel
        return channel

    @staticmethod
    def _on_return(exception, exchange, routing_key, message) -> None:
        log.error("unroutable message returned: exchange=%s routing_key=%s", exchange, routing_key)

    def _drop(self) -> None:
        channel = getattr(self._local, "channel", None)
        self._local.channel = None
        if channel is not None:
            channel.close()

    def close(self) -> None:
        self._drop()

"""Confirmed, persistent publishing over one reused connection per thread."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Mapping
from typing import Any

from amqp.exceptions import ConnectionError as AMQPConnectionError
from kombu import Exchange, Producer
from kombu.exceptions import OperationalError

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PublishFailed

log = logging.getLogger(__name__)

CONFIRM_TIMEOUT_S = 5.0

#: what kombu/amqp/socket raise when the connection is gone; each means "reconnect".
CONNECTION_ERRORS: tuple[type[BaseException], ...] = (OSError, AMQPConnectionError, OperationalError)


class Publisher:
    """Publishes envelopes persistently and waits for the broker's confirm.

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
        """Publish once; on a dead connection reconnect and try one more time."""
        for attempt in (1, 2):
            try:
                self._producer().publish(
                    body,
                    exchange=exchange,
                    routing_key=routing_key,
                    content_type="application/json",
                    content_encoding="utf-8",
                    delivery_mode=2,
                    mandatory=mandatory,
                    message_id=message_id,
                    type=message_type,
                    correlation_id=correlation_id,
                    headers=dict(headers or {}),
                    confirm_timeout=self._confirm_timeout,
                    retry=False,
                )
                return
            except CONNECTION_ERRORS as exc:  # includes a confirm that did not come in time
                self._drop()
                if attempt == 2:
                    raise PublishFailed(f"broker unavailable: {exc}") from exc
                log.warning("publish failed, reconnecting: %s", exc)
            except Exception as exc:  # a nack (e.g. a full queue) or a channel error: the channel state is unknown
                self._drop()
                raise PublishFailed(f"publish not confirmed: {exc}") from exc

    def _producer(self) -> Producer:
        producer = getattr(self._local, "producer", None)
        if producer is None:
            connection = publisher_connection(self._amqp_url)
            connection.ensure_connection(max_retries=0)  # publish_raw makes the second attempt
            producer = Producer(connection.channel(), on_return=self._on_return)
            self._local.connection = connection
            self._local.producer = producer
        return producer

    @staticmethod
    def _on_return(exception, exchange, routing_key, message) -> None:
        log.error("unroutable message returned: exchange=%s routing_key=%s", exchange, routing_key)

    def _drop(self) -> None:
        connection = getattr(self._local, "connection", None)
        self._local.producer = None
        self._local.connection = None
        if connection is not None:
            with contextlib.suppress(Exception):  # already broken; nothing to release
                connection.release()

    def close(self) -> None:
        self._drop()

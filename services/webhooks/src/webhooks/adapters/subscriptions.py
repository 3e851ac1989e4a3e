"""Which merchants' events reach the webhooks service: those with a webhook URL, as bindings on the broker.

Payment and refund events name their merchant in a header; the webhooks events queue is
bound once per merchant that has (or once had) a URL, so the events of every other merchant
cost this service nothing. A binding is made before the URL is stored, and at every start of
the consumer for every merchant with a URL; it is never removed (a merchant that clears its
URL has its events read and dropped, as before), so no race between two workers can leave a
merchant with a URL unsubscribed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from paygate_shared.messaging.connection import publisher_connection
from paygate_shared.messaging.errors import ServiceUnavailable
from paygate_shared.messaging.publisher import CONNECTION_ERRORS
from paygate_shared.messaging.topology import WEBHOOKS, subscribe_merchant
from webhooks.adapters.tables import endpoints


class Subscriptions(Protocol):
    def subscribe(self, merchant_id: str) -> None:
        """Have the merchant's events delivered to the webhooks service from now on."""
        ...


class BrokerSubscriptions:
    """Binds over a short connection of its own: a merchant's configuration changes rarely."""

    def __init__(self, amqp_url: str) -> None:
        self._amqp_url = amqp_url

    def subscribe(self, merchant_id: str) -> None:
        try:
            with publisher_connection(self._amqp_url, confirms=False, name="webhooks subscriptions") as connection:
                connection.ensure_connection(max_retries=1)
                subscribe_merchant(connection.default_channel, WEBHOOKS, merchant_id)
        except CONNECTION_ERRORS as exc:
            raise ServiceUnavailable(f"broker unavailable: {exc}") from exc


def merchants_with_url(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(select(endpoints.c.merchant_id).where(endpoints.c.url.is_not(None))).all()
    return [str(row.merchant_id) for row in rows]


def declare_with_subscriptions(channel, *, engine: Engine, declare) -> None:
    """Declare the topology, then bind every merchant with a URL: a broker that lost its bindings gets them back.

    Without the database the consumer cannot tell whose events it should get, so it does not
    start: the error makes it reconnect after a pause, like a broker error.
    """
    declare(channel)
    try:
        merchant_ids: Iterable[str] = merchants_with_url(engine)
    except DBAPIError as exc:
        raise ConnectionError(f"database unavailable, cannot subscribe merchants: {exc}") from exc
    for merchant_id in merchant_ids:
        subscribe_merchant(channel, WEBHOOKS, merchant_id)

"""What the handlers work with, built by bootstrap from real adapters or by tests from fakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from paygate_shared.timefmt import utcnow
from webhooks.adapters.endpoint_slots import EndpointSlots
from webhooks.adapters.http_sender import WebhookSender
from webhooks.adapters.subscriptions import Subscriptions
from webhooks.adapters.unit_of_work import UnitOfWork
from webhooks.domain.delivery_log import RetryPolicy
from webhooks.domain.url_policy import UrlGuard


@dataclass(frozen=True)
class Dependencies:
    #: `unit_of_work()` is a transaction; `unit_of_work(single_statement=True)` runs its one statement on its own
    unit_of_work: Callable[..., UnitOfWork]
    sender: WebhookSender
    guard: UrlGuard
    slots: EndpointSlots
    retry_policy: RetryPolicy
    subscriptions: Subscriptions
    clock: Callable[[], datetime] = utcnow

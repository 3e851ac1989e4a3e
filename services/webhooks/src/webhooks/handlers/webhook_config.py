"""A merchant's webhook configuration: read it, point it at a URL, regenerate its secret."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from paygate_shared.contracts.webhooks import GetWebhookConfig, RegenerateWebhookSecret, UpdateWebhookConfig
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from webhooks.adapters.unit_of_work import UnitOfWork
from webhooks.domain.endpoint import Endpoint, new_secret
from webhooks.domain.url_policy import UrlRefused
from webhooks.handlers.commands import BAD_REQUEST, read_command
from webhooks.handlers.dependencies import Dependencies


def endpoint_of(uow: UnitOfWork, merchant_id: str) -> Endpoint:
    """The merchant's endpoint, created with a fresh secret and no URL the first time it is asked for."""
    return uow.endpoints.get(merchant_id) or uow.endpoints.add_if_absent(Endpoint(merchant_id, None, new_secret()))


def get_webhook_config(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    command = read_command(GetWebhookConfig, envelope.payload)
    with deps.unit_of_work() as uow:
        return endpoint_of(uow, command.merchant_id).to_api()


def update_webhook_config(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    command = read_command(UpdateWebhookConfig, envelope.payload)
    url = (command.webhook_url or "").strip() or None
    if url is not None:
        try:
            url = deps.guard.check(url).url
        except UrlRefused as exc:
            raise CommandRejected(400, BAD_REQUEST, str(exc)) from exc
    if url is not None:
        deps.subscriptions.subscribe(command.merchant_id)  # before the URL is stored: no event may slip past it
    with deps.unit_of_work() as uow:
        endpoint = replace(endpoint_of(uow, command.merchant_id), url=url)
        uow.endpoints.save(endpoint)
    return endpoint.to_api()


def regenerate_webhook_secret(envelope: Envelope, deps: Dependencies) -> dict[str, Any]:
    command = read_command(RegenerateWebhookSecret, envelope.payload)
    with deps.unit_of_work() as uow:
        endpoint = replace(endpoint_of(uow, command.merchant_id), secret=new_secret())
        uow.endpoints.save(endpoint)
    return endpoint.to_api()

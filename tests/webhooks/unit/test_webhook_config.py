"""Configuration commands: a secret on first use, URLs checked against SSRF, secrets regenerated."""

from __future__ import annotations

import pytest

from paygate_shared.contracts.webhooks import GetWebhookConfig, RegenerateWebhookSecret, UpdateWebhookConfig
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected, ServiceUnavailable
from tests.webhooks.unit.fakes import world
from webhooks.handlers.webhook_config import get_webhook_config, regenerate_webhook_secret, update_webhook_config

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"


def command(message_type: str, **payload) -> Envelope:
    return Envelope(type=message_type, payload={"merchant_id": MERCHANT, **payload})


def test_the_first_read_creates_a_secret_that_later_reads_return():
    w = world()

    first = get_webhook_config(command(GetWebhookConfig.TYPE), w.deps)
    second = get_webhook_config(command(GetWebhookConfig.TYPE), w.deps)

    assert first == second
    assert first["webhook_url"] is None
    assert first["webhook_secret"].startswith("whsec_")


def test_a_url_is_saved_trimmed_and_an_empty_one_clears_it():
    w = world()

    saved = update_webhook_config(command(UpdateWebhookConfig.TYPE, webhook_url=" https://shop.example.com/h "), w.deps)
    cleared = update_webhook_config(command(UpdateWebhookConfig.TYPE, webhook_url=""), w.deps)

    assert saved["webhook_url"] == "https://shop.example.com/h"
    assert cleared["webhook_url"] is None
    assert saved["webhook_secret"] == cleared["webhook_secret"]


def test_setting_a_url_subscribes_the_merchant_to_its_events_and_clearing_it_does_not():
    w = world()

    update_webhook_config(command(UpdateWebhookConfig.TYPE, webhook_url=""), w.deps)
    assert w.deps.subscriptions.merchants == set()

    update_webhook_config(command(UpdateWebhookConfig.TYPE, webhook_url="https://shop.example.com/h"), w.deps)
    assert w.deps.subscriptions.merchants == {MERCHANT}


def test_a_url_is_not_stored_when_the_merchant_cannot_be_subscribed():
    w = world()
    w.deps.subscriptions.down = True

    with pytest.raises(ServiceUnavailable):
        update_webhook_config(command(UpdateWebhookConfig.TYPE, webhook_url="https://shop.example.com/h"), w.deps)

    assert MERCHANT not in w.db.endpoints


def test_a_url_to_the_metadata_address_is_refused_outside_test_mode():
    w = world(allow_private=False, resolve=lambda host: ["169.254.169.254"])

    with pytest.raises(CommandRejected) as refused:
        update_webhook_config(command(UpdateWebhookConfig.TYPE, webhook_url="http://169.254.169.254/"), w.deps)

    assert (refused.value.status, refused.value.code) == (400, "BAD_REQUEST_ERROR")
    assert "metadata" in refused.value.description
    assert MERCHANT not in w.db.endpoints


def test_a_local_receiver_is_accepted_when_private_urls_are_allowed():
    w = world(allow_private=True, resolve=lambda host: ["127.0.0.1"])

    saved = update_webhook_config(command(UpdateWebhookConfig.TYPE, webhook_url="http://localhost:4000/"), w.deps)

    assert saved["webhook_url"] == "http://localhost:4000/"


def test_regenerating_replaces_the_secret_and_keeps_the_url():
    w = world()
    before = update_webhook_config(command(UpdateWebhookConfig.TYPE, webhook_url="https://shop.example.com/"), w.deps)

    after = regenerate_webhook_secret(command(RegenerateWebhookSecret.TYPE), w.deps)

    assert after["webhook_url"] == before["webhook_url"]
    assert after["webhook_secret"] != before["webhook_secret"]
    assert get_webhook_config(command(GetWebhookConfig.TYPE), w.deps) == after


@pytest.mark.parametrize("payload", [{"merchant_id": "acme"}, {}, {"merchant_id": MERCHANT, "surprise": 1}])
def test_a_malformed_command_is_a_400(payload):
    with pytest.raises(CommandRejected) as rejected:
        get_webhook_config(Envelope(type=GetWebhookConfig.TYPE, payload=payload), world().deps)

    assert rejected.value.status == 400

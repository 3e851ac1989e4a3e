"""A webhook.test event: logged and delivered now; refused without a URL; one per idempotent command."""

from __future__ import annotations

import json

import pytest

from paygate_shared.contracts.webhooks import SendTestWebhook
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from tests.webhooks.unit.fakes import with_url, world
from webhooks.handlers.send_test_webhook import send_test_webhook

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"


def test_a_test_event_is_logged_and_scheduled_now():
    w = world()
    with_url(w, MERCHANT)

    entry = send_test_webhook(Envelope(type=SendTestWebhook.TYPE, payload={"merchant_id": MERCHANT}), w.deps)

    assert (entry["event"], entry["status"], entry["attempts"]) == ("webhook.test", "pending", 0)
    body = json.loads(w.db.entries[entry["id"]].payload)
    assert body["event"] == "webhook.test"
    assert body["timestamp"] == int(w.clock().timestamp())
    assert [delay for _, delay in w.db.jobs] == [0]


def test_the_same_command_id_answers_with_the_first_entry():
    w = world()
    with_url(w, MERCHANT)
    payload = {"merchant_id": MERCHANT, "command_id": "c" * 64}

    first = send_test_webhook(Envelope(type=SendTestWebhook.TYPE, payload=payload), w.deps)
    second = send_test_webhook(Envelope(type=SendTestWebhook.TYPE, payload=payload), w.deps)

    assert first["id"] == second["id"]
    assert len(w.db.jobs) == 1


def test_without_a_url_it_is_a_400_and_nothing_is_logged():
    w = world()

    with pytest.raises(CommandRejected) as refused:
        send_test_webhook(Envelope(type=SendTestWebhook.TYPE, payload={"merchant_id": MERCHANT}), w.deps)

    assert (refused.value.status, refused.value.description) == (400, "No webhook URL is configured")
    assert w.db.entries == {}

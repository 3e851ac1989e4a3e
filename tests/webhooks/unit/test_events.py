"""Webhook bodies: the documented envelope as the exact bytes JSON.stringify writes, and stable log ids."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from webhooks.domain.events import UnreadableEvent, event_data, log_id_for, payment_id_of, webhook_body

MERCHANT = "550e8400-e29b-41d4-a716-446655440000"


def test_the_body_is_the_event_its_time_in_unix_seconds_and_its_data_written_compactly():
    occurred_at = datetime(2024, 1, 15, 10, 31, tzinfo=UTC)

    body = webhook_body("payment.success", occurred_at, {"payment": {"id": "pay_1", "amount": 50000}})

    assert body == '{"event":"payment.success","timestamp":1705314660,"data":{"payment":{"id":"pay_1","amount":50000}}}'


def test_non_ascii_text_is_kept_as_is_and_control_characters_are_escaped_like_javascript():
    body = webhook_body("payment.success", datetime(2024, 1, 1, tzinfo=UTC), {"note": "Zürich ₹\n\t\u2028"})

    assert '"note":"Zürich ₹\\n\\t\u2028"' in body


def test_the_data_is_the_payload_without_the_merchant():
    merchant_id, data = event_data({"merchant_id": MERCHANT, "refund": {"id": "rfnd_1", "payment_id": "pay_1"}})

    assert merchant_id == MERCHANT
    assert data == {"refund": {"id": "rfnd_1", "payment_id": "pay_1"}}
    assert payment_id_of(data) == "pay_1"
    assert payment_id_of({"payment": {"id": "pay_2"}}) == "pay_2"
    assert payment_id_of({"message": "hello"}) is None


@pytest.mark.parametrize("payload", [{}, {"merchant_id": ""}, {"merchant_id": "acme"}, {"merchant_id": 7}])
def test_an_event_without_a_merchant_uuid_is_unreadable(payload):
    with pytest.raises(UnreadableEvent):
        event_data({**payload, "payment": {}})


def test_one_event_always_names_the_same_log_entry_and_different_merchants_or_events_do_not():
    event_id = "0f8fad5b-d9cb-469f-a165-70867728950e"

    assert log_id_for(MERCHANT, event_id) == log_id_for(MERCHANT, event_id)
    assert log_id_for(MERCHANT, event_id) != log_id_for(MERCHANT, "another-event")
    assert log_id_for(MERCHANT, event_id) != log_id_for("6ba7b810-9dad-11d1-80b4-00c04fd430c8", event_id)

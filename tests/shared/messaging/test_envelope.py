"""The envelope's JSON: integers stay integers, and a float never travels (money is int paise)."""

from __future__ import annotations

import pytest

from paygate_shared.messaging.envelope import Envelope, decode


def test_an_envelope_comes_back_from_json_exactly_as_it_was_sent():
    sent = Envelope(
        "payment.success",
        {"amount": 9_007_199_254_740_993, "captured": False, "notes": {"order": "ord_1"}, "methods": ["upi"]},
        correlation_id="req_42",
    )

    received = Envelope.from_json(sent.to_json())

    assert received == sent
    assert isinstance(received.payload["amount"], int)
    assert received.payload["amount"] == 9_007_199_254_740_993


def test_each_envelope_gets_its_own_message_id_and_a_utc_timestamp():
    first, second = Envelope("payment.created", {}), Envelope("payment.created", {})

    assert first.message_id != second.message_id
    assert first.occurred_at.endswith("Z")


@pytest.mark.parametrize("payload", [{"amount": 500.0}, {"lines": [{"amount": 1.5}]}, {"rate": float("nan")}])
def test_a_float_anywhere_in_a_payload_is_refused_when_the_message_is_written(payload):
    with pytest.raises(ValueError, match="float"):
        Envelope("payment.created", payload).to_json()


@pytest.mark.parametrize("raw", ['{"amount": 500.0}', '{"amount": 5e2}', '{"amount": NaN}', '{"amount": Infinity}'])
def test_a_float_in_received_json_is_refused(raw):
    with pytest.raises(ValueError):
        decode(raw)


def test_json_that_is_not_an_envelope_is_refused():
    with pytest.raises(ValueError, match="envelope"):
        Envelope.from_json(b'{"amount": 500}')

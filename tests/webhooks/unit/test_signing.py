"""Signatures: Paygate's hex HMAC and the Standard Webhooks scheme, including its published test vector."""

from __future__ import annotations

import hashlib
import hmac

from webhooks.domain.signing import (
    paygate_signature,
    signed_headers,
    standard_key,
    standard_signature,
    verify_paygate_signature,
    verify_standard_signature,
)

BODY = b'{"event":"payment.success","timestamp":1705314660,"data":{}}'


def test_the_standard_webhooks_published_vector_is_reproduced():
    signature = standard_signature(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}'
    )

    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_x_webhook_signature_is_the_lowercase_hex_hmac_of_the_body_keyed_with_the_secret_string():
    expected = hmac.new(b"whsec_test_abc123", BODY, hashlib.sha256).hexdigest()

    assert paygate_signature("whsec_test_abc123", BODY) == expected
    assert expected == expected.lower() and len(expected) == 64


def test_the_test_merchants_secret_which_is_not_base64_keys_the_standard_signature_with_its_characters():
    assert standard_key("whsec_test_abc123") == b"test_abc123"
    assert standard_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") != b"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_the_headers_of_an_attempt_carry_both_signatures_and_verify():
    headers = signed_headers("whsec_test_abc123", "log-1", 1705314700, BODY)

    assert headers["Content-Type"] == "application/json"
    assert headers["webhook-id"] == "log-1"
    assert headers["webhook-timestamp"] == "1705314700"
    assert verify_paygate_signature("whsec_test_abc123", BODY, headers["X-Webhook-Signature"])
    assert verify_standard_signature("whsec_test_abc123", "log-1", "1705314700", BODY, headers["webhook-signature"])


def test_a_changed_body_id_timestamp_or_secret_does_not_verify():
    headers = signed_headers("whsec_test_abc123", "log-1", 1705314700, BODY)
    signature = headers["webhook-signature"]

    assert not verify_paygate_signature("whsec_test_abc123", BODY + b" ", headers["X-Webhook-Signature"])
    assert not verify_paygate_signature("whsec_other", BODY, headers["X-Webhook-Signature"])
    assert not verify_standard_signature("whsec_test_abc123", "log-2", "1705314700", BODY, signature)
    assert not verify_standard_signature("whsec_test_abc123", "log-1", "1705314701", BODY, signature)
    assert not verify_standard_signature("whsec_test_abc123", "log-1", "not-a-time", BODY, signature)


def test_any_of_several_space_separated_signatures_may_match_as_during_a_secret_rotation():
    current = standard_signature("whsec_test_abc123", "log-1", 1705314700, BODY)

    assert verify_standard_signature("whsec_test_abc123", "log-1", "1705314700", BODY, f"v1,b2xk {current}")

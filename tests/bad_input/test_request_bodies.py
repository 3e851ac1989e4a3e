"""What no endpoint can take: malformed JSON, bodies over 1 MiB, unknown fields, text or numbers past what is stored.

Every endpoint that takes a JSON body is found in the OpenAPI document and gets the same
treatment, so the answers are consistent across the API, new endpoints included.
"""

from __future__ import annotations

import pytest

from tests.payments.support import new_order, successful_payment

JSON = {"Content-Type": "application/json"}
MIB = 1024 * 1024


def error_of(response) -> tuple[int, str, str]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "description"}, body
    return response.status_code, body["error"]["code"], body["error"]["description"]


@pytest.fixture
def merchant(stack, fuzz_credentials):
    return stack.session(headers=fuzz_credentials)


def with_body(api_operations):
    found = [operation for operation in api_operations if operation.takes_body]
    assert found
    return found


def test_malformed_json_is_a_400_on_every_endpoint_that_takes_a_body(merchant, api_operations):
    answers = {
        str(op): error_of(merchant.request(op.method, op.url(), data=b'{"amount": 500', headers=JSON))
        for op in with_body(api_operations)
    }

    assert {answer[:2] for answer in answers.values()} == {(400, "BAD_REQUEST_ERROR")}, answers


def test_a_body_over_one_mebibyte_is_a_413_on_every_endpoint_that_takes_a_body(merchant, api_operations):
    oversized = b'{"receipt": "' + b"x" * MIB + b'"}'
    answers = {
        str(op): error_of(merchant.request(op.method, op.url(), data=oversized, headers=JSON))
        for op in with_body(api_operations)
    }

    assert {answer[:2] for answer in answers.values()} == {(413, "PAYLOAD_TOO_LARGE")}, answers


def test_after_a_413_the_clients_next_request_on_the_same_session_is_answered(merchant):
    refused = merchant.post("/api/v1/orders", data=b'{"receipt": "' + b"x" * MIB + b'"}', headers=JSON)
    next_one = merchant.post("/api/v1/orders", json={"amount": 500})

    assert refused.status_code == 413 and refused.headers["Connection"] == "close"
    assert next_one.status_code == 201


def test_an_unknown_field_is_a_400_naming_it_on_every_endpoint_that_takes_a_body(merchant, api_operations):
    answers = {
        str(op): error_of(merchant.request(op.method, op.url(), json={"colour": "blue"}))
        for op in with_body(api_operations)
    }

    wrong = {
        name: answer
        for name, answer in answers.items()
        if answer != (400, "BAD_REQUEST_ERROR", "Unknown field: colour")
    }
    assert not wrong


def test_the_webhook_config_as_read_can_be_sent_back_unchanged(merchant):
    config = merchant.get("/api/v1/webhooks/config").json()

    answer = merchant.put("/api/v1/webhooks/config", json=config)

    assert answer.status_code == 200 and answer.json() == config


@pytest.mark.parametrize(
    "body",
    [
        {"amount": 500, "receipt": "rcpt\u0000"},
        {"amount": 500, "notes": {"gift": "\u0000"}},
        {"amount": 500, "notes": {"\u0000": "wrap"}},
    ],
)
def test_text_with_a_nul_character_is_refused_with_400(merchant, body):
    assert error_of(merchant.post("/api/v1/orders", json=body))[:2] == (400, "BAD_REQUEST_ERROR")


def test_a_nul_character_in_a_refund_reason_or_a_query_is_refused_with_400(merchant):
    payment = successful_payment(merchant, 10_000)

    refund = merchant.post(f"/api/v1/payments/{payment['id']}/refunds", json={"amount": 100, "reason": "a\u0000"})
    listed = merchant.get("/api/v1/payments", params={"order_id": "order_\u0000"})

    assert error_of(refund)[:2] == (400, "BAD_REQUEST_ERROR")
    assert error_of(listed)[:2] == (400, "BAD_REQUEST_ERROR")


@pytest.mark.parametrize("path", ["/api/v1/orders", "/api/v1/payments", "/api/v1/refunds", "/api/v1/webhooks"])
def test_an_offset_past_any_list_is_a_400(merchant, path):
    assert error_of(merchant.get(path, params={"offset": 2**63}))[:2] == (400, "BAD_REQUEST_ERROR")


@pytest.mark.parametrize("amount", [2**53, 2**63, 10**30])
def test_an_amount_past_what_any_client_can_hold_exactly_is_a_400(merchant, amount):
    order = merchant.post("/api/v1/orders", json={"amount": amount})
    payment = successful_payment(merchant, 10_000)
    refund = merchant.post(f"/api/v1/payments/{payment['id']}/refunds", json={"amount": amount})

    assert error_of(order)[:2] == (400, "BAD_REQUEST_ERROR")
    assert error_of(refund)[:2] == (400, "BAD_REQUEST_ERROR")


def test_the_largest_amount_allowed_is_stored_exactly(merchant):
    assert new_order(merchant, 2**53 - 1)["amount"] == 2**53 - 1

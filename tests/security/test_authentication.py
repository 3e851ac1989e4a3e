"""Every merchant endpoint the OpenAPI document lists refuses missing or wrong credentials with 401."""

from __future__ import annotations

import pytest

from tests.support.stack import TEST_MERCHANT

REFUSED = {"error": {"code": "AUTHENTICATION_ERROR", "description": "Invalid API credentials"}}
WRONG_CREDENTIALS = {
    "no credentials": {},
    "key without secret": {"X-Api-Key": TEST_MERCHANT["X-Api-Key"]},
    "secret without key": {"X-Api-Secret": TEST_MERCHANT["X-Api-Secret"]},
    "wrong secret": {"X-Api-Key": TEST_MERCHANT["X-Api-Key"], "X-Api-Secret": "secret_test_wrong000"},
    "unknown key": {"X-Api-Key": "key_nobody_has_this", "X-Api-Secret": TEST_MERCHANT["X-Api-Secret"]},
    "empty values": {"X-Api-Key": "", "X-Api-Secret": ""},
}


def test_the_document_marks_every_merchant_endpoint_as_needing_credentials(api_operations):
    secured = {str(operation) for operation in api_operations if operation.secured}

    assert {
        "GET /api/v1/orders",
        "POST /api/v1/payments",
        "POST /api/v1/payments/{payment_id}/capture",
        "POST /api/v1/payments/{payment_id}/refunds",
        "GET /api/v1/refunds/{refund_id}",
        "PUT /api/v1/webhooks/config",
        "POST /api/v1/webhooks/{log_id}/retry",
    } <= secured


@pytest.mark.parametrize("credentials", WRONG_CREDENTIALS.values(), ids=WRONG_CREDENTIALS.keys())
def test_every_secured_endpoint_refuses_missing_or_wrong_credentials(stack, api_operations, credentials):
    session = stack.session(headers=credentials)
    answers = {
        str(operation): session.request(operation.method, operation.url(), json={})
        for operation in api_operations
        if operation.secured
    }

    let_in = {name: (r.status_code, r.text[:200]) for name, r in answers.items() if r.status_code != 401}
    assert not let_in
    assert all(response.json() == REFUSED for response in answers.values())


def test_another_merchants_secret_does_not_open_this_merchants_key(stack, api_operations, new_merchant):
    other, _session = new_merchant()
    session = stack.session(headers={"X-Api-Key": TEST_MERCHANT["X-Api-Key"], "X-Api-Secret": other["api_secret"]})

    statuses = {
        str(op): session.request(op.method, op.url(), json={}).status_code for op in api_operations if op.secured
    }

    assert set(statuses.values()) == {401}, statuses


def test_every_endpoint_the_document_leaves_open_answers_without_credentials(anonymous, api_operations):
    open_operations = [operation for operation in api_operations if not operation.secured]
    statuses = {str(op): anonymous.request(op.method, op.url(), json={}).status_code for op in open_operations}

    assert open_operations
    assert 401 not in statuses.values(), statuses

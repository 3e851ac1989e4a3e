"""Dashboard sign-in: email and password exchanged for the merchant's API credentials."""

from __future__ import annotations

import json
import uuid

import pytest

from gateway.app import create_app
from gateway.config import Settings
from tests.gateway.test_errors_and_auth import assert_error

SESSION = "/api/v1/dashboard/session"


@pytest.fixture
def merchant_with_password(stack):
    email = f"owner-{uuid.uuid4().hex[:8]}@example.com"
    password = "correct horse battery"
    result = stack.paygate_command("merchants", "create", "--name", "Owner", "--email", email, "--password", password)
    assert result.returncode == 0, result.stderr
    return {**json.loads(result.stdout), "password": password}


def test_a_merchant_signs_in_with_the_password_given_at_creation(anonymous, merchant_with_password):
    response = anonymous.post(
        SESSION, json={"email": merchant_with_password["email"], "password": merchant_with_password["password"]}
    )

    assert response.status_code == 200
    assert response.json() == {
        "merchant_id": merchant_with_password["id"],
        "name": "Owner",
        "email": merchant_with_password["email"],
        "api_key": merchant_with_password["api_key"],
        "api_secret": merchant_with_password["api_secret"],
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_the_signed_in_credentials_call_the_api(stack, anonymous, merchant_with_password):
    signed_in = anonymous.post(
        SESSION, json={"email": merchant_with_password["email"], "password": merchant_with_password["password"]}
    ).json()

    session = stack.session(headers={"X-Api-Key": signed_in["api_key"], "X-Api-Secret": signed_in["api_secret"]})

    assert session.get("/api/v1/orders").status_code == 200


def test_the_email_is_matched_regardless_of_case(anonymous, merchant_with_password):
    response = anonymous.post(
        SESSION, json={"email": merchant_with_password["email"].upper(), "password": merchant_with_password["password"]}
    )

    assert response.status_code == 200


def test_a_wrong_password_is_refused(anonymous, merchant_with_password):
    response = anonymous.post(SESSION, json={"email": merchant_with_password["email"], "password": "wrong password"})

    assert_error(response, 401, "AUTHENTICATION_ERROR")
    assert response.json()["error"]["description"] == "Invalid email or password"


def test_an_unknown_email_is_refused_exactly_like_a_wrong_password(anonymous):
    response = anonymous.post(SESSION, json={"email": "nobody@example.com", "password": "anything at all"})

    assert_error(response, 401, "AUTHENTICATION_ERROR")
    assert response.json()["error"]["description"] == "Invalid email or password"


def test_a_merchant_without_a_password_cannot_sign_in(stack, anonymous):
    created = stack.create_merchant("No Password", f"nopass-{uuid.uuid4().hex[:8]}@example.com")

    response = anonymous.post(SESSION, json={"email": created["email"], "password": ""})

    assert_error(response, 401, "AUTHENTICATION_ERROR")


def test_a_password_set_with_the_operator_command_replaces_the_old_one(stack, anonymous, merchant_with_password):
    email = merchant_with_password["email"]
    result = stack.paygate_command("merchants", "set-password", "--email", email, "--password", "a brand new one")
    assert result.returncode == 0, result.stderr

    assert anonymous.post(SESSION, json={"email": email, "password": "a brand new one"}).status_code == 200
    assert anonymous.post(SESSION, json={"email": email, "password": "correct horse battery"}).status_code == 401


def test_in_test_mode_the_test_merchant_signs_in_with_any_password(anonymous):
    response = anonymous.post(SESSION, json={"email": "test@example.com", "password": "whatever"})

    assert response.status_code == 200
    assert response.json()["api_key"] == "key_test_abc123"
    assert response.json()["api_secret"] == "secret_test_xyz789"


def test_outside_test_mode_the_test_merchant_needs_a_real_password(stack):
    app = create_app(Settings.from_env({**stack.env, "TEST_MODE": "false"}))
    try:
        response = app.test_client().post(SESSION, json={"email": "test@example.com", "password": "whatever"})
    finally:
        app.extensions["gateway"].close()

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "AUTHENTICATION_ERROR"


def test_ten_failed_attempts_lock_the_email_out_even_with_the_right_password(anonymous, merchant_with_password):
    email = merchant_with_password["email"]
    for _ in range(10):
        assert anonymous.post(SESSION, json={"email": email, "password": "guess"}).status_code == 401

    response = anonymous.post(SESSION, json={"email": email, "password": merchant_with_password["password"]})

    assert_error(response, 429, "RATE_LIMITED")


def test_a_lock_out_on_one_email_leaves_other_merchants_alone(anonymous, merchant_with_password):
    for _ in range(10):
        anonymous.post(SESSION, json={"email": "victim-elsewhere@example.com", "password": "guess"})

    response = anonymous.post(
        SESSION, json={"email": merchant_with_password["email"], "password": merchant_with_password["password"]}
    )

    assert response.status_code == 200


def test_a_successful_sign_in_forgets_earlier_failures(anonymous, merchant_with_password):
    email, password = merchant_with_password["email"], merchant_with_password["password"]
    for _ in range(9):
        anonymous.post(SESSION, json={"email": email, "password": "guess"})
    assert anonymous.post(SESSION, json={"email": email, "password": password}).status_code == 200

    for _ in range(9):
        anonymous.post(SESSION, json={"email": email, "password": "guess"})

    assert anonymous.post(SESSION, json={"email": email, "password": password}).status_code == 200


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        ({"password": "x"}, "email"),
        ({"email": "a@example.com"}, "password"),
        ({"email": "nope", "password": "x"}, "email"),
    ],
)
def test_a_sign_in_without_a_valid_email_and_password_is_a_bad_request(anonymous, body, mentions):
    response = anonymous.post(SESSION, json=body)

    assert_error(response, 400, "BAD_REQUEST_ERROR")
    assert mentions in response.json()["error"]["description"]

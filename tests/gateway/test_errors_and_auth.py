"""Every error in one shape, and authentication on merchant endpoints."""

from __future__ import annotations

import pytest

ERROR_KEYS = {"code", "description"}


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Api-Key": "key_test_abc123"},
        {"X-Api-Key": "key_test_abc123", "X-Api-Secret": "wrong"},
        {"X-Api-Key": "nope", "X-Api-Secret": "secret_test_xyz789"},
    ],
)
def test_merchant_endpoints_refuse_missing_or_wrong_credentials(stack, headers):
    session = stack.session(headers=headers)
    for method, path in (
        ("get", "/api/v1/orders"),
        ("post", "/api/v1/orders"),
        ("get", "/api/v1/orders/order_AAAAAAAAAAAAAAAA"),
    ):
        response = getattr(session, method)(path, json={"amount": 500})
        assert_error(response, 401, "AUTHENTICATION_ERROR")
        assert response.json()["error"]["description"] == "Invalid API credentials"


def test_unknown_routes_answer_404_in_the_error_shape(anonymous):
    assert_error(anonymous.get("/api/v1/nothing-here"), 404, "NOT_FOUND_ERROR")


def test_a_wrong_method_answers_405_in_the_error_shape(anonymous):
    assert_error(anonymous.delete("/health"), 405, "METHOD_NOT_ALLOWED")


def test_malformed_json_is_a_bad_request(api):
    response = api.post("/api/v1/orders", data=b'{"amount": 500', headers={"Content-Type": "application/json"})

    assert_error(response, 400, "BAD_REQUEST_ERROR")


def test_a_body_over_one_mebibyte_is_refused_with_413(api):
    response = api.post(
        "/api/v1/orders",
        data=b'{"amount": 500, "receipt": "' + b"x" * (1024 * 1024) + b'"}',
        headers={"Content-Type": "application/json"},
    )

    assert_error(response, 413, "PAYLOAD_TOO_LARGE")


def test_unknown_fields_are_refused_by_name(api):
    response = api.post("/api/v1/orders", json={"amount": 500, "colour": "blue"})

    assert_error(response, 400, "BAD_REQUEST_ERROR")
    assert "colour" in response.json()["error"]["description"]


def test_cors_allows_the_dashboard_and_checkout_origins(anonymous):
    for origin in ("http://localhost:3000", "http://localhost:3001"):
        response = anonymous.options(
            "/api/v1/orders",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "X-Api-Key",
            },
        )
        assert response.headers.get("Access-Control-Allow-Origin") in (origin, "*")

"""Signing in and out, the session cookie, CSRF, and the guard in front of every page."""

from __future__ import annotations

import base64
import zlib

import pytest

from tests.dashboard.fakes import signed_out

PAGES = [
    "/dashboard",
    "/dashboard/transactions",
    "/dashboard/transactions/pay_0000000000000001",
    "/dashboard/refunds",
    "/dashboard/webhooks",
    "/dashboard/docs",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_signed_out_visitor_is_sent_to_the_sign_in_page_from_every_page(visitor, path):
    response = visitor.get(path)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next={path}"


def test_the_site_root_leads_a_signed_in_merchant_home(merchant):
    assert merchant.get("/").headers["Location"] == "/dashboard"


def test_the_sign_in_page_has_the_contract_hooks(visitor):
    html = visitor.get("/login").get_data(as_text=True)

    assert 'data-test-id="login-form"' in html
    assert 'type="email" autocomplete="username" required value="" data-test-id="email-input"' in html
    assert 'type="password" autocomplete="current-password" required data-test-id="password-input"' in html
    assert 'data-test-id="login-button"' in html


def test_signing_in_leads_to_the_page_the_visitor_wanted(visitor):
    response = visitor.submit(
        "/login", {"email": "test@example.com", "password": "x", "next": "/dashboard/refunds?page=2"}
    )

    assert response.headers["Location"] == "/dashboard/refunds?page=2"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"])
def test_signing_in_never_sends_the_visitor_to_another_site(visitor, target):
    response = visitor.submit("/login", {"email": "test@example.com", "password": "x", "next": target})

    assert response.headers["Location"] == "/dashboard"


def test_a_wrong_password_shows_why_and_keeps_the_email(visitor, gateway):
    gateway.passwords = {"owner@example.com": "right"}

    response = visitor.submit("/login", {"email": "owner@example.com", "password": "wrong"})

    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "Invalid email or password." in html
    assert 'value="owner@example.com"' in html
    assert visitor.get("/dashboard").status_code == 302


def test_the_session_cookie_is_http_only_and_same_site(visitor):
    response = visitor.submit("/login", {"email": "test@example.com", "password": "x"})

    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("paygate_dashboard=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_the_session_cookie_does_not_reveal_the_api_secret(merchant):
    cookie = merchant.client.get_cookie("paygate_dashboard")

    assert "secret_test_xyz789" not in cookie.value
    assert "secret_test_xyz789" not in _decoded_session(cookie.value)


def _decoded_session(value: str) -> str:
    payload = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return (zlib.decompress(raw) if value.startswith(".") else raw).decode()


def test_a_form_without_its_csrf_token_does_nothing(visitor):
    response = visitor.client.post("/login", data={"email": "test@example.com", "password": "x"})

    assert response.status_code == 302
    assert visitor.get("/dashboard").status_code == 302


def test_a_signed_in_form_without_its_csrf_token_does_nothing(merchant, gateway):
    merchant.client.post("/dashboard/webhooks", data={"webhook_url": "https://evil.example/hook"})

    assert gateway.config["webhook_url"] is None


def test_signing_out_ends_the_session(merchant):
    response = merchant.submit("/logout")

    assert response.headers["Location"] == "/login"
    assert merchant.get("/dashboard").status_code == 302


def test_pages_call_the_gateway_as_the_signed_in_merchant(merchant, gateway):
    merchant.get("/dashboard/transactions")

    assert gateway.acting_for.api_key == "key_test_abc123"
    assert gateway.acting_for.api_secret == "secret_test_xyz789"


def test_credentials_the_gateway_no_longer_accepts_sign_the_merchant_out(merchant, gateway):
    gateway.failure = signed_out()

    response = merchant.get("/dashboard/transactions")

    assert response.headers["Location"] == "/login"
    gateway.failure = None
    assert merchant.get("/dashboard").status_code == 302


def test_a_page_script_of_a_signed_out_visitor_gets_json_not_the_sign_in_page(visitor):
    response = visitor.get("/dashboard/refunds/table", headers={"X-Dashboard-Fetch": "1"})

    assert response.status_code == 401
    assert response.get_json() == {"error": "Your session has ended. Please sign in again.", "login": "/login"}


def test_pages_showing_secrets_are_not_cached_and_not_framed(merchant):
    response = merchant.get("/dashboard")

    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]

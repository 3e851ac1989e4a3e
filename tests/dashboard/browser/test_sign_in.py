"""Signing in and out in the browser, and the sign-in page in front of every other page."""

from __future__ import annotations

import pytest

from tests.dashboard.browser.support import sign_in

pytestmark = pytest.mark.browser

PAGES = [
    "/dashboard",
    "/dashboard/transactions",
    "/dashboard/refunds",
    "/dashboard/webhooks",
    "/dashboard/docs",
]


def test_the_test_merchant_signs_in_with_any_password_through_the_hooks(page):
    page.goto("/login")
    assert page.get_by_test_id("email-input").get_attribute("type") == "email"
    assert page.get_by_test_id("password-input").get_attribute("type") == "password"

    page.get_by_test_id("email-input").fill("test@example.com")
    page.get_by_test_id("password-input").fill("any password at all")
    page.get_by_test_id("login-button").click()

    page.wait_for_url("**/dashboard")
    assert page.get_by_test_id("api-key").inner_text() == "key_test_abc123"
    assert page.get_by_test_id("api-secret").inner_text() == "secret_test_xyz789"


def test_a_merchant_signs_in_with_their_password_and_signs_out(page, shop_owner):
    page.goto("/login")
    page.get_by_test_id("email-input").fill(shop_owner.email)
    page.get_by_test_id("password-input").fill("not my password")
    page.get_by_test_id("login-button").click()
    assert page.get_by_role("alert").inner_text() == "Invalid email or password."

    sign_in(page, shop_owner.email, shop_owner.password)
    assert page.get_by_test_id("api-key").inner_text() == shop_owner.api_key

    page.get_by_test_id("logout-button").click()
    page.wait_for_url("**/login")
    page.goto("/dashboard")
    assert page.url.endswith("/login?next=/dashboard")


@pytest.mark.parametrize("path", PAGES)
def test_a_signed_out_visitor_is_redirected_to_sign_in_on_every_page(page, path):
    page.goto(path)

    assert page.url.endswith(f"/login?next={path}")
    assert page.get_by_test_id("login-form").is_visible()


def test_signing_in_from_a_deep_link_lands_on_that_page(page):
    page.goto("/dashboard/docs")
    page.get_by_test_id("email-input").fill("test@example.com")
    page.get_by_test_id("password-input").fill("x")
    page.get_by_test_id("login-button").click()

    page.wait_for_url("**/dashboard/docs")
    assert page.get_by_test_id("api-docs").is_visible()

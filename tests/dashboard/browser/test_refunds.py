"""Refunds in the browser: Refund Full shows pending, then processed without a reload; a partial refund."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.dashboard.browser.support import require_api, sign_in
from tests.payments.support import successful_payment

pytestmark = pytest.mark.browser


def _refundable_row(page, payment_id: str):
    return page.locator(f'[data-test-id="refundable-payment-row"][data-payment-id="{payment_id}"]')


def _refunds_of(api, payment_id: str) -> list[dict]:
    return api.get("/api/v1/refunds", params={"payment_id": payment_id}).json()["data"]


def _refunds_page_with_a_payment(stack, page, shop_owner, amount: int) -> dict:
    """The refunds page, signed in, offering a new successful payment of `amount` paise."""
    require_api(stack, "/api/v1/payments/{payment_id}/refunds", "/api/v1/refunds")
    payment = successful_payment(shop_owner.api, amount)
    sign_in(page, shop_owner.email, shop_owner.password)
    page.goto("/dashboard/refunds")
    return payment


def _submit(page, button) -> None:
    with page.expect_navigation():
        button.click()


def test_refund_full_shows_pending_then_processed_without_a_reload(stack, page, shop_owner):
    payment = _refunds_page_with_a_payment(stack, page, shop_owner, 42000)

    _submit(page, _refundable_row(page, payment["id"]).get_by_test_id("refund-full-button"))

    [refund] = _refunds_of(shop_owner.api, payment["id"])
    assert refund["amount"] == 42000
    row = page.locator(f'[data-test-id="refund-row"][data-refund-id="{refund["id"]}"]')
    expect(row.get_by_test_id("refund-status")).to_have_text("pending")
    page.evaluate("window.sameDocument = true")
    expect(row.get_by_test_id("refund-status")).to_have_text("processed", timeout=30_000)
    assert page.evaluate("window.sameDocument") is True
    assert row.get_by_test_id("refund-amount").inner_text() == "42000"
    assert row.get_by_test_id("refund-payment-id").inner_text() == payment["id"]
    assert row.get_by_test_id("refund-processed-at").inner_text() != "—"


def test_a_partial_refund_is_made_from_the_form_of_its_payment(stack, page, shop_owner):
    payment = _refunds_page_with_a_payment(stack, page, shop_owner, 30000)

    row = _refundable_row(page, payment["id"])
    row.get_by_test_id("refund-amount-input").fill("12500")
    row.get_by_test_id("refund-reason-input").fill("one item returned")
    _submit(page, row.get_by_test_id("refund-submit-button"))

    [refund] = _refunds_of(shop_owner.api, payment["id"])
    assert (refund["amount"], refund["reason"]) == (12500, "one item returned")
    refund_row = page.locator(f'[data-test-id="refund-row"][data-refund-id="{refund["id"]}"]')
    assert refund_row.get_by_test_id("refund-amount").inner_text() == "12500"


def test_a_refund_above_what_is_left_is_refused_in_plain_words(stack, page, shop_owner):
    payment = _refunds_page_with_a_payment(stack, page, shop_owner, 1000)

    row = _refundable_row(page, payment["id"])
    row.get_by_test_id("refund-amount-input").fill("1000")
    _submit(page, row.get_by_test_id("refund-submit-button"))
    _submit(page, _refundable_row(page, payment["id"]).get_by_test_id("refund-full-button"))

    assert "nothing left to refund" in page.get_by_role("alert").inner_text()
    assert len(_refunds_of(shop_owner.api, payment["id"])) == 1

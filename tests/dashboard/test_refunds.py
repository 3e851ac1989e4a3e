"""Refunds: full and partial refunds of successful payments, and the self-refreshing refunds table."""

from __future__ import annotations

import re

from tests.dashboard.fakes import payment, refund


def _refund_rows(html: str) -> list[str]:
    return re.findall(r'data-test-id="refund-row" data-refund-id="([^"]+)"', html)


def test_only_successful_payments_are_offered_for_refund(merchant, gateway):
    gateway.payments = [payment(1), payment(2, "failed"), payment(3, "pending")]

    html = merchant.get("/dashboard/refunds").get_data(as_text=True)

    assert re.findall(r'data-test-id="refundable-payment-row" data-payment-id="([^"]+)"', html) == [
        "pay_0000000000000001"
    ]
    for hook in ("refund-full-button", "refund-amount-input", "refund-reason-input", "refund-submit-button"):
        assert f'data-test-id="{hook}"' in html


def test_refund_full_refunds_what_is_left_after_pending_and_processed_refunds(merchant, gateway):
    gateway.payments = [payment(1, amount=50000)]
    gateway.refunds = [refund(1, "pay_0000000000000001", 10000, "processed"), refund(2, "pay_0000000000000001", 5000)]

    response = merchant.submit("/dashboard/refunds", {"payment_id": "pay_0000000000000001", "full": "1"})

    assert response.headers["Location"] == "/dashboard/refunds"
    assert gateway.refunds[0]["amount"] == 35000
    assert "of ₹350.00 created; it is pending." in merchant.get("/dashboard/refunds").get_data(as_text=True)


def test_refund_full_of_a_fully_refunded_payment_is_refused_plainly(merchant, gateway):
    gateway.payments = [payment(1, amount=50000)]
    gateway.refunds = [refund(1, "pay_0000000000000001", 50000)]

    page = merchant.submit(
        "/dashboard/refunds", {"payment_id": "pay_0000000000000001", "full": "1"}, follow_redirects=True
    )

    assert "This payment has nothing left to refund." in page.get_data(as_text=True)
    assert len(gateway.refunds) == 1


def test_a_partial_refund_takes_paise_and_a_reason(merchant, gateway):
    gateway.payments = [payment(1, amount=50000)]

    merchant.submit(
        "/dashboard/refunds",
        {"payment_id": "pay_0000000000000001", "amount": "12345", "reason": "damaged", "idempotency_key": "k-1"},
    )

    assert (gateway.refunds[0]["amount"], gateway.refunds[0]["reason"]) == (12345, "damaged")
    assert gateway.idempotency_keys == ["k-1"]


def test_a_partial_refund_that_is_not_a_whole_number_of_paise_is_refused(merchant, gateway):
    gateway.payments = [payment(1)]

    page = merchant.submit(
        "/dashboard/refunds", {"payment_id": "pay_0000000000000001", "amount": "12.5"}, follow_redirects=True
    )

    assert "Enter the refund amount as a whole number of paise" in page.get_data(as_text=True)
    assert gateway.refunds == []


def test_the_gateway_refusing_a_refund_is_shown_in_its_words(merchant, gateway):
    gateway.payments = [payment(1, amount=1000)]

    page = merchant.submit(
        "/dashboard/refunds", {"payment_id": "pay_0000000000000001", "amount": "5000"}, follow_redirects=True
    )

    assert "Refund amount exceeds available amount" in page.get_data(as_text=True)


def test_every_refund_form_carries_its_own_idempotency_key(merchant, gateway):
    gateway.payments = [payment(1), payment(2)]

    html = merchant.get("/dashboard/refunds").get_data(as_text=True)

    keys = re.findall(r'name="idempotency_key" value="([^"]+)"', html)
    assert len(keys) == 4 and len(set(keys)) == 4


def test_the_refunds_table_has_the_contract_cells(merchant, gateway):
    gateway.refunds = [refund(1, "pay_0000000000000001", 2500, "processed")]

    html = merchant.get("/dashboard/refunds").get_data(as_text=True)

    assert _refund_rows(html) == ["rfnd_0000000000000001"]
    for hook, text in (
        ("refund-id", "rfnd_0000000000000001"),
        ("refund-amount", "2500"),
        ("refund-status", "processed"),
        ("refund-created-at", "2024-01-15 11:00:00"),
        ("refund-processed-at", "2024-01-15 11:00:04"),
    ):
        assert re.search(rf'data-test-id="{hook}"[^>]*>{re.escape(text)}<', html), hook
    assert re.search(r'data-test-id="refund-payment-id"><a [^>]*>pay_0000000000000001</a>', html)


def test_the_refunds_table_refreshes_itself_only_while_something_is_pending(merchant, gateway):
    gateway.refunds = [refund(1, "pay_0000000000000001", 2500)]

    pending = merchant.get("/dashboard/refunds/table").get_data(as_text=True)
    gateway.refunds = [refund(1, "pay_0000000000000001", 2500, "processed")]
    processed = merchant.get("/dashboard/refunds/table").get_data(as_text=True)

    assert 'data-test-id="refunds-table" data-pending="true"' in pending
    assert 'data-test-id="refunds-table" data-pending="false"' in processed
    assert "<html" not in processed
    assert 'data-refresh-url="/dashboard/refunds/table"' in merchant.get("/dashboard/refunds").get_data(as_text=True)

"""Card and VPA checks at the edge."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gateway.domain.payment_methods import MethodRejected, card_network, check_card, check_vpa, luhn_valid

NOW = datetime(2026, 6, 15, tzinfo=UTC)


def card(**overrides):
    return {
        "number": "4111111111111111",
        "expiry_month": "12",
        "expiry_year": "2030",
        "cvv": "123",
        "holder_name": "A B",
        **overrides,
    }


@pytest.mark.parametrize("vpa", ["user@paytm", "first.last_1-2@okhdfc", "9876543210@ybl"])
def test_well_formed_vpas_are_accepted(vpa):
    assert check_vpa(vpa) == vpa


@pytest.mark.parametrize("vpa", [None, "", "user", "user@", "@bank", "us er@bank", "user@ok-hdfc", "a@b@c", 42])
def test_malformed_vpas_are_invalid(vpa):
    with pytest.raises(MethodRejected) as rejected:
        check_vpa(vpa)
    assert rejected.value.code == "INVALID_VPA"


@pytest.mark.parametrize(
    ("number", "network"),
    [
        ("4111111111111111", "visa"),
        ("5500000000000004", "mastercard"),
        ("340000000000009", "amex"),
        ("378282246310005", "amex"),
        ("6011111111111117", "rupay"),
        ("6521111111111111", "rupay"),
        ("8100000000000000", "rupay"),
        ("3530111333300000", "unknown"),
    ],
)
def test_the_network_follows_the_leading_digits(number, network):
    assert card_network(number) == network


def test_luhn_accepts_valid_and_refuses_altered_numbers():
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")


def test_a_valid_card_leaves_only_network_and_last_four():
    summary = check_card(card(number="4111 1111-1111 1111"), NOW)

    assert (summary.network, summary.last4) == ("visa", "1111")
    assert not hasattr(summary, "number") and not hasattr(summary, "cvv")


@pytest.mark.parametrize(
    "bad",
    [
        {"number": "4111111111111112"},
        {"number": "411111111111"},
        {"number": "41111111111111111111"},
        {"number": "4111abcd11111111"},
        {"cvv": "12"},
        {"cvv": "12345"},
        {"cvv": "abc"},
        {"holder_name": None},
        {"number": None},
    ],
)
def test_bad_card_details_are_an_invalid_card(bad):
    with pytest.raises(MethodRejected) as rejected:
        check_card(card(**bad), NOW)
    assert rejected.value.code == "INVALID_CARD"


def test_a_missing_card_is_an_invalid_card():
    for value in (None, "4111", {}):
        with pytest.raises(MethodRejected) as rejected:
            check_card(value, NOW)
        assert rejected.value.code == "INVALID_CARD"


@pytest.mark.parametrize(
    ("month", "year"), [("13", "2030"), ("0", "2030"), ("5", "2026"), ("12", "2025"), ("05", "26"), ("x", "2030")]
)
def test_bad_or_past_expiry_is_an_expired_card(month, year):
    with pytest.raises(MethodRejected) as rejected:
        check_card(card(expiry_month=month, expiry_year=year), NOW)
    assert rejected.value.code == "EXPIRED_CARD"


@pytest.mark.parametrize(("month", "year"), [("06", "26"), (6, 2026), ("12", "30"), (1, 99)])
def test_two_and_four_digit_years_in_the_future_or_this_month_are_accepted(month, year):
    assert check_card(card(expiry_month=month, expiry_year=year), NOW).last4 == "1111"

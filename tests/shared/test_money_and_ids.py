"""Money formatting and public ids."""

from __future__ import annotations

import pytest

from paygate_shared.ids import is_valid_id, new_id
from paygate_shared.money import format_rupees


@pytest.mark.parametrize(
    ("paise", "text"),
    [(50000, "₹500.00"), (100000, "₹1,000.00"), (10000000, "₹1,00,000.00"), (123456789, "₹12,34,567.89"), (5, "₹0.05")],
)
def test_rupees_are_grouped_the_indian_way(paise, text):
    assert format_rupees(paise) == text


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        format_rupees(500.0)


def test_ids_are_a_prefix_and_16_alphanumerics_and_do_not_repeat():
    ids = {new_id("pay_") for _ in range(1000)}

    assert len(ids) == 1000
    assert all(is_valid_id("pay_", i) for i in ids)
    assert not is_valid_id("pay_", "pay_short")

"""The home page's numbers from a list of payments."""

from __future__ import annotations

from datetime import date

from dashboard.stats import summarize
from tests.dashboard.fakes import payment

TODAY = date(2024, 1, 15)


def test_the_success_rate_is_rounded_half_up_to_a_whole_percent():
    payments = [payment(1, "success"), payment(2, "success"), payment(3, "failed")]

    assert summarize(payments, 3, TODAY).success_rate == 67
    assert summarize(payments[:1] + payments[2:], 2, TODAY).success_rate == 50


def test_the_total_amount_counts_only_successful_payments():
    payments = [payment(1, "success", amount=150), payment(2, "failed", amount=900), payment(3, "pending", amount=7)]

    assert summarize(payments, 3, TODAY).total_amount == 150


def test_the_last_seven_days_end_today_and_split_payments_by_outcome():
    payments = [
        payment(1, "success", amount=500, created_at="2024-01-15T23:59:59Z"),
        payment(2, "pending", created_at="2024-01-15T00:00:00Z"),
        payment(3, "failed", created_at="2024-01-09T12:00:00Z"),
        payment(4, "success", created_at="2024-01-08T23:59:59Z"),
    ]

    days = summarize(payments, 4, TODAY).days

    assert [d.day for d in days] == [date(2024, 1, n) for n in range(9, 16)]
    assert (days[-1].succeeded, days[-1].pending, days[-1].failed, days[-1].volume) == (1, 1, 0, 500)
    assert (days[0].failed, days[0].count) == (1, 1)


def test_numbers_are_marked_incomplete_when_not_every_payment_was_read():
    assert summarize([payment(1)], 20_000, TODAY).complete is False
    assert summarize([payment(1)], 1, TODAY).complete is True

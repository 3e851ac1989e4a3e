"""The chart's geometry: stacked bars by outcome on a round scale."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.chart import PLOT_BOTTOM, PLOT_TOP, outcome_chart
from dashboard.stats import DayTotals


def _day(n: int, succeeded=0, failed=0, pending=0, volume=0) -> DayTotals:
    return DayTotals(date(2024, 1, n), succeeded, failed, pending, volume)


def test_the_busiest_day_sets_a_round_scale():
    chart = outcome_chart([_day(9, succeeded=3), _day(10, succeeded=6, failed=1)])

    assert [line.label for line in chart.gridlines] == ["0", "5", "10"]


def test_bars_stack_outcomes_from_the_baseline_in_proportion():
    chart = outcome_chart([_day(9, succeeded=5, failed=3, pending=2)])

    segments = chart.columns[0].segments
    assert [s.outcome for s in segments] == ["succeeded", "failed", "pending"]
    assert segments[0].y + segments[0].height == pytest.approx(PLOT_BOTTOM)
    assert segments[-1].y == pytest.approx(PLOT_TOP)  # 10 payments fill the scale of 10
    assert segments[0].height == pytest.approx(5 * segments[2].height / 2)


def test_a_day_without_payments_has_no_bar_but_keeps_its_label():
    chart = outcome_chart([_day(9), _day(10, succeeded=1, volume=123_400)])

    assert chart.columns[0].segments == [] and chart.columns[0].day_label == "Tue 09"
    assert chart.columns[1].volume_label == "₹1,234"
    assert chart.has_payments


def test_a_week_without_payments_is_reported_as_empty():
    assert not outcome_chart([_day(n) for n in range(9, 16)]).has_payments

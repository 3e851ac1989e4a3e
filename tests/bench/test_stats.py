"""The arithmetic of the benchmark: percentiles, median and spread of repeated runs, growth of a queue."""

from __future__ import annotations

import math

import pytest

from bench.stats import percentile, slope, spread


def test_a_percentile_interpolates_between_the_closest_ranks():
    values = [40.0, 10.0, 30.0, 20.0]

    assert percentile(values, 0.0) == 10.0
    assert percentile(values, 0.5) == 25.0
    assert percentile(values, 1.0) == 40.0
    assert percentile(values, 0.99) == pytest.approx(39.7)


def test_the_percentile_of_nothing_is_not_a_number():
    assert math.isnan(percentile([], 0.5))


def test_a_share_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError):
        percentile([1.0], 99)


def test_repeated_runs_are_summarised_by_median_lowest_and_highest():
    summary = spread([120.0, 100.0, 90.0])

    assert (summary.median, summary.low, summary.high, summary.runs) == (100.0, 90.0, 120.0, 3)
    assert summary.relative == pytest.approx(0.15)


def test_runs_that_could_not_be_measured_are_left_out_of_the_spread():
    summary = spread([float("nan"), 5.0])

    assert (summary.median, summary.runs) == (5.0, 1)
    assert spread([]).runs == 0


def test_the_growth_of_a_queue_is_the_least_squares_slope():
    assert slope([(0, 10), (1, 12), (2, 14), (3, 16)]) == pytest.approx(2.0)
    assert slope([(0, 5), (1, 5)]) == 0.0
    assert slope([(0, 5)]) == 0.0

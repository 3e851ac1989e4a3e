"""The arithmetic of a benchmark: percentiles of one run, and the median and spread of repeated runs."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` quantile (0..1) by linear interpolation between the closest ranks; NaN for no values."""
    if not 0 <= share <= 1:
        raise ValueError("share must be between 0 and 1")
    if not values:
        return math.nan
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


@dataclass(frozen=True)
class Spread:
    """What repeated runs of one measurement gave: the median, the lowest and the highest."""

    median: float
    low: float
    high: float
    runs: int

    @property
    def relative(self) -> float:
        """Half the range as a share of the median: ±0.05 means the runs agree within 5 %."""
        if not self.median:
            return 0.0
        return (self.high - self.low) / 2 / abs(self.median)

    def to_json(self) -> dict[str, float | int]:
        return {"median": self.median, "low": self.low, "high": self.high, "runs": self.runs}


def spread(runs: Sequence[float]) -> Spread:
    """Summarise repeated runs; NaN runs (a measurement that could not be taken) are left out."""
    taken = [value for value in runs if not math.isnan(value)]
    if not taken:
        return Spread(math.nan, math.nan, math.nan, 0)
    return Spread(statistics.median(taken), min(taken), max(taken), len(taken))


def slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of y over x: how fast a queue grows, in messages per second."""
    if len(points) < 2:
        return 0.0
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread_x = sum((x - mean_x) ** 2 for x in xs)
    if spread_x == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread_x

"""The home page's chart: payments per day by outcome, as geometry a template draws in SVG."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.formatting import rupees_total
from dashboard.stats import DayTotals

WIDTH, HEIGHT = 700, 250
PLOT_LEFT, PLOT_RIGHT = 44, 690
PLOT_TOP, PLOT_BOTTOM = 22, 196
BAR_SHARE = 0.56  # of each day's slot; the rest is gap
OUTCOMES = (("succeeded", "successful"), ("failed", "failed"), ("pending", "pending"))  # bottom to top


@dataclass(frozen=True)
class Segment:
    outcome: str
    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True)
class Column:
    center: float
    day_label: str
    count: int
    count_y: float
    volume_label: str
    segments: list[Segment]


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


@dataclass(frozen=True)
class OutcomeChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    columns: list[Column]
    gridlines: list[Gridline]
    has_payments: bool


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... at or above value."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def outcome_chart(days: list[DayTotals]) -> OutcomeChart:
    top = _nice_ceiling(max([day.count for day in days] + [1]))
    scale = (PLOT_BOTTOM - PLOT_TOP) / top
    slot = (PLOT_RIGHT - PLOT_LEFT) / max(len(days), 1)
    bar = slot * BAR_SHARE
    columns = []
    for index, day in enumerate(days):
        center = PLOT_LEFT + slot * (index + 0.5)
        y = float(PLOT_BOTTOM)
        segments = []
        for outcome, word in OUTCOMES:
            count = getattr(day, outcome)
            if count:
                height = count * scale
                y -= height
                title = f"{day.day:%d %b}: {count} {word}"
                segments.append(Segment(outcome, center - bar / 2, y, bar, height, title))
        columns.append(
            Column(
                center=center,
                day_label=f"{day.day:%a %d}",
                count=day.count,
                count_y=y - 6,
                volume_label=rupees_total(day.volume),
                segments=segments,
            )
        )
    ticks = sorted({0, top // 2, top}) if top % 2 == 0 else [0, top]
    gridlines = [Gridline(PLOT_BOTTOM - tick * scale, str(tick)) for tick in ticks]
    return OutcomeChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=PLOT_LEFT,
        plot_right=PLOT_RIGHT,
        baseline=PLOT_BOTTOM,
        columns=columns,
        gridlines=gridlines,
        has_payments=any(day.count for day in days),
    )

"""The one table `make bench` prints (median and spread of every measurement, each target passed or not) and its JSON."""

from __future__ import annotations

import json
import math
import os
import platform
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.plan import Plan
from bench.stats import Spread, spread

CEILING = "ceiling"
HTTP_ENDPOINTS = ("ceiling", "POST orders", "POST payments", "POST payments+key", "GET payment")
#: a target's threshold, given the medians of every measurement; each returns (shown value, passed)
Check = Callable[[Mapping[str, float]], tuple[str, bool]]


@dataclass(frozen=True)
class Target:
    description: str
    check: Check


@dataclass(frozen=True)
class Row:
    label: str
    key: str
    unit: str  # "rps", "ms", "s", "count", "share", "mib", "msg/s"
    target: Target | None = None


def _number(value: float, unit: str) -> str:
    if math.isnan(value):
        return "-"
    if unit == "share":
        return f"{value:.0%}"
    if unit == "count":
        return f"{value:,.0f}"
    if unit in ("rps", "msg/s"):
        return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"
    if unit == "mib":
        return f"{value:,.0f} MiB"
    if unit == "s" and value >= 10:
        return f"{value:,.1f} s"
    suffix = " s" if unit == "s" else ""
    return (f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}") + suffix


def _ratio(numerator: str, denominator: str, least: float) -> Check:
    def check(medians: Mapping[str, float]) -> tuple[str, bool]:
        share = medians.get(numerator, math.nan) / medians.get(denominator, math.nan)
        return f"{share:.1%}", share >= least

    return check


def _at_most(key: str, most: float, reference: str | None = None, unit: str = "count") -> Check:
    """medians[key] <= most (times medians[reference] when given)."""

    def check(medians: Mapping[str, float]) -> tuple[str, bool]:
        value = medians.get(key, math.nan)
        if reference is None:
            return _number(value, unit), value <= most
        times = value / medians.get(reference, math.nan)
        return f"{times:.2f}×", times <= most

    return check


def _worst_is_zero(keys: list[str], runs: Mapping[str, list[float]]) -> Check:
    def check(_medians: Mapping[str, float]) -> tuple[str, bool]:
        worst = max((max(runs[key], default=0) for key in keys if key in runs), default=math.nan)
        return f"{worst:,.0f} in the worst run", worst == 0

    return check


def _ceiling_best(medians: Mapping[str, float]) -> float:
    """The ceiling's best requests/s, or NaN when this run did not measure it (`--only` without api)."""
    rates = [value for key, value in medians.items() if key.startswith("api.ceiling.") and key.endswith(".rps")]
    return max(rates, default=math.nan)


@dataclass
class Report:
    plan: Plan
    runs: dict[str, list[float]]
    memory: dict[str, dict[str, float]]
    details: list[dict]
    elapsed_s: float
    load_average: tuple[tuple[float, ...], tuple[float, ...]]
    gateway: dict[str, int]
    command: str
    results: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._spreads: dict[str, Spread] = {key: spread(values) for key, values in self.runs.items()}
        self._add_memory_measurements()
        self.medians = {key: found.median for key, found in self._spreads.items()}
        self._verdicts: dict[str, tuple[str, bool]] = {}
        for row in self.rows():
            if row.target is not None:
                shown, passed = row.target.check(self.medians)
                self._verdicts[row.key + row.label] = (shown, passed)
                target = f"{row.label}: {row.target.description}"
                self.results.append({"target": target, "value": shown, "passed": passed})

    def _add_memory_measurements(self) -> None:
        totals = {moment: sum(sizes.values()) for moment, sizes in self.memory.items()}
        self._spreads["memory.at_rest_mib"] = spread([totals.get("at rest", math.nan)])
        after = [total for moment, total in totals.items() if moment.startswith("after round")]
        self._spreads["memory.after_round_mib"] = spread(after)
        if after:
            self._spreads["memory.after_last_round_mib"] = spread([after[-1]])
        if len(after) >= 2:
            self._spreads["memory.growth_last_round"] = spread([after[-1] / after[-2] - 1])

    @property
    def passed(self) -> bool:
        return all(result["passed"] for result in self.results)

    def rows(self) -> list[Row]:
        rows: list[Row] = []
        concurrencies = self.plan.concurrencies
        for concurrency in concurrencies:
            for endpoint in HTTP_ENDPOINTS:
                rows += self._http_rows(endpoint, concurrency)
        rows += self._http_targets(concurrencies)
        rows += [
            Row("end to end: payments/s until final and delivered", "e2e.payments_per_s", "rps", self._e2e_target()),
            Row("end to end: seconds for the run", "e2e.seconds", "s"),
            Row("end to end: API req/s while creating", "e2e.api_rps", "rps"),
            Row(
                "end to end: webhooks missing or payments not final",
                "e2e.undelivered",
                "count",
                Target("0 in every run", _worst_is_zero(["e2e.undelivered", "e2e.not_final", "e2e.errors"], self.runs)),
            ),
            Row("end to end: delivery p50 / p99 (s after created)", "e2e.delivery_p50_s", "s"),
            Row("", "e2e.delivery_p99_s", "s"),
            Row("end to end: duplicate deliveries", "e2e.duplicates", "count"),
        ]
        for rate in self.plan.sustained_rates:
            rows += self._sustained_rows(rate)
        rows += [
            Row("slow merchant: other's delivery p99, both quick", "slow_merchant.both_quick.delivery_p99_s", "s"),
            Row(
                "slow merchant: other's delivery p99, one hangs",
                "slow_merchant.beside_slow.delivery_p99_s",
                "s",
                Target(
                    "≤ 2× its p99 with both quick",
                    _at_most(
                        "slow_merchant.beside_slow.delivery_p99_s", 2.0, "slow_merchant.both_quick.delivery_p99_s"
                    ),
                ),
            ),
            Row("slow merchant: other's webhooks missing", "slow_merchant.beside_slow.undelivered", "count"),
        ]
        rows += self._backlog_rows()
        rows += [
            Row("memory: all Paygate processes at rest", "memory.at_rest_mib", "mib"),
            Row("memory: all Paygate processes after each round", "memory.after_round_mib", "mib"),
            Row(
                "memory: after the last round",
                "memory.after_last_round_mib",
                "mib",
                Target("< 1 GiB", _at_most("memory.after_last_round_mib", 1024, unit="mib")),
            ),
            Row(
                "memory: growth over the last round",
                "memory.growth_last_round",
                "share",
                Target("≤ 10 % (flat)", _at_most("memory.growth_last_round", 0.10, unit="share")),
            ),
            Row("messaging: confirmed publishes, one at a time", "messaging.publish_one_per_s", "msg/s"),
            Row("messaging: confirmed publishes, batches of 200", "messaging.publish_batched_per_s", "msg/s"),
            Row("messaging: request/reply p50 / p99", "messaging.rpc_p50_ms", "ms"),
            Row("", "messaging.rpc_p99_ms", "ms"),
        ]
        return [row for row in rows if row.key in self._spreads]

    def _http_rows(self, endpoint: str, concurrency: int) -> list[Row]:
        key = f"api.{endpoint}.c{concurrency}"
        label = f"{endpoint} c{concurrency}"
        return [
            Row(f"{label}: req/s", f"{key}.rps", "rps"),
            Row(f"{label}: p50 / p99 ms", f"{key}.p50_ms", "ms"),
            Row("", f"{key}.p99_ms", "ms"),
            Row(f"{label}: errors / generator CPU", f"{key}.errors", "count"),
            Row("", f"{key}.generator_cpu", "share"),
        ]

    def _http_targets(self, concurrencies: tuple[int, ...]) -> list[Row]:
        rows = []
        for concurrency in concurrencies:
            ceiling = f"api.{CEILING}.c{concurrency}.rps"
            for endpoint, least in (("POST orders", 0.25), ("POST payments", 0.10), ("POST payments+key", 0.10)):
                key = f"api.{endpoint}.c{concurrency}.rps"
                rows.append(
                    Row(
                        f"{endpoint} c{concurrency}: share of the ceiling",
                        key,
                        "rps",
                        Target(f"≥ {least:.0%} of ceiling c{concurrency}", _ratio(key, ceiling, least)),
                    )
                )
        low, high = min(concurrencies), max(concurrencies)
        for endpoint in HTTP_ENDPOINTS[1:]:
            key = f"api.{endpoint}.c{high}.rps"
            rows.append(
                Row(
                    f"{endpoint}: req/s c{high} over c{low}",
                    key,
                    "rps",
                    Target("≥ 90 % (no collapse)", _ratio(key, f"api.{endpoint}.c{low}.rps", 0.90)),
                )
            )
        errors = [
            f"api.{endpoint}.c{concurrency}.errors" for endpoint in HTTP_ENDPOINTS for concurrency in concurrencies
        ]
        rows.append(
            Row("HTTP errors at every concurrency", errors[0], "count", Target("0", _worst_is_zero(errors, self.runs)))
        )
        for endpoint in ("POST payments", "POST payments+key"):
            key = f"api.{endpoint}.c{low}.p99_ms"
            rows.append(
                Row(
                    f"{endpoint} c{low}: p99 over the ceiling's",
                    key,
                    "ms",
                    Target("≤ 10× ceiling p99", _at_most(key, 10.0, f"api.{CEILING}.c{low}.p99_ms")),
                )
            )
        return rows

    def _e2e_target(self) -> Target:
        def check(medians: Mapping[str, float]) -> tuple[str, bool]:
            share = medians.get("e2e.payments_per_s", math.nan) / _ceiling_best(medians)
            return f"{share:.1%}", share >= 0.05

        return Target("≥ 5 % of the ceiling's best req/s", check)

    def _sustained_rows(self, rate: int) -> list[Row]:
        key = f"sustained.{rate}"
        most_growth = 0.05 * rate

        def bounded(medians: Mapping[str, float]) -> tuple[str, bool]:
            growth, drain = medians.get(f"{key}.growth_per_s", math.nan), medians.get(f"{key}.drain_s", math.nan)
            offered = medians.get(f"{key}.offered_s", math.nan)
            if offered < self.plan.sustained_s * 0.99:
                return f"gave up after {offered:.0f} s: work piled up", False
            return f"{growth:+.1f} msg/s, drained in {drain:.1f} s", growth <= most_growth and drain <= 30

        return [
            Row(f"sustained {rate}/s: seconds offered", f"{key}.offered_s", "s"),
            Row(f"sustained {rate}/s: req/s achieved", f"{key}.rps", "rps"),
            Row(f"sustained {rate}/s: p50 / p99 ms", f"{key}.p50_ms", "ms"),
            Row("", f"{key}.p99_ms", "ms"),
            Row(f"sustained {rate}/s: worst 5 s window p99 ms", f"{key}.worst_window_p99_ms", "ms"),
            Row(f"sustained {rate}/s: most messages waiting", f"{key}.max_waiting", "count"),
            Row(
                f"sustained {rate}/s: queue growth in 2nd half",
                f"{key}.growth_per_s",
                "msg/s",
                Target(f"offered throughout, ≤ {most_growth:g} msg/s, drains ≤ 30 s", bounded),
            ),
            Row(f"sustained {rate}/s: delivery p99", f"{key}.delivery_p99_s", "s"),
            Row(
                f"sustained {rate}/s: errors / webhooks missing",
                f"{key}.errors",
                "count",
                Target("0 in every run", _worst_is_zero([f"{key}.errors", f"{key}.undelivered"], self.runs)),
            ),
        ]

    def _backlog_rows(self) -> list[Row]:
        def unchanged(label: str, measured: str, unit: str, most: float) -> list[Row]:
            without, with_ = (f"backlog.{key}.{measured}" for key in ("without", "with"))
            return [
                Row(f"backlog: {label} without", without, unit),
                Row(
                    f"backlog: {label} with",
                    with_,
                    unit,
                    Target(f"≤ {most:g}× without (unchanged)", _at_most(with_, most, without)),
                ),
            ]

        rows = [Row("backlog: deliveries waiting in retry", "backlog.waiting", "count")]
        for endpoint in ("GET payment", "POST payments"):
            rows += unchanged(f"{endpoint} c16 p99", f"{endpoint}.c16.p99_ms", "ms", 1.5)
        for process in ("webhooks", "total"):
            rows += unchanged(f"{process} memory", f"{process}_rss_mib", "mib", 1.1)
        return rows

    def table(self) -> str:
        lines = [("measurement", "median", "spread (min–max)", "runs", "target", "result")]
        for row in self.rows():
            found = self._spreads[row.key]
            target_text = result_text = ""
            if row.target is not None:
                shown, passed = self._verdicts[row.key + row.label]
                target_text = row.target.description
                result_text = f"{'PASS' if passed else 'FAIL'} ({shown})"
            spread_text = f"{_number(found.low, row.unit)}–{_number(found.high, row.unit)}" if found.runs > 1 else ""
            lines.append(
                (row.label, _number(found.median, row.unit), spread_text, str(found.runs), target_text, result_text)
            )
        widths = [max(len(line[column]) for line in lines) for column in range(len(lines[0]))]
        rendered = [
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines
        ]
        rendered.insert(1, "  ".join("-" * width for width in widths))
        passed = sum(result["passed"] for result in self.results)
        rendered.append(
            f"\n{passed} of {len(self.results)} targets passed. {self.plan.name} plan, {self.plan.rounds} rounds, "
            f"{self.elapsed_s / 60:.1f} min; gateway {self.gateway['workers']} workers × {self.gateway['threads']} "
            f"threads; load average {self.load_average[0][0]:.1f} before, {self.load_average[1][0]:.1f} after."
        )
        return "\n".join(rendered)

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        moment = datetime.now(UTC)
        document = {
            "command": self.command,
            "finished_at": moment.isoformat(timespec="seconds"),
            "elapsed_s": self.elapsed_s,
            "plan": asdict(self.plan),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "load_average_before": self.load_average[0],
                "load_average_after": self.load_average[1],
            },
            "gateway": self.gateway,
            "measurements": {
                key: {**found.to_json(), "values": self.runs.get(key, [])} for key, found in self._spreads.items()
            },
            "targets": self.results,
            "memory_mib": self.memory,
            "details": self.details,
        }
        path = folder / f"bench-{moment:%Y%m%dT%H%M%SZ}-{self.plan.name}.json"
        path.write_text(json.dumps(document, indent=1, default=str))
        (folder / "latest.json").write_text(path.read_text())
        return path

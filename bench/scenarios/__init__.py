"""The benchmark scenarios; each `run` measures once and returns an Outcome (numbers for the table, details for JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.loadgen import LoadResult


@dataclass
class Outcome:
    metrics: dict[str, float] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def add(self, other: Outcome) -> None:
        self.metrics.update(other.metrics)
        self.details.update(other.details)

    def record_load(self, key: str, result: LoadResult) -> None:
        """The numbers every HTTP measurement reports under `key`: requests/s, p50, p99, errors, generator CPU."""
        self.metrics.update(
            {
                f"{key}.rps": result.requests_per_s,
                f"{key}.p50_ms": result.latency_ms(0.50),
                f"{key}.p99_ms": result.latency_ms(0.99),
                f"{key}.errors": float(result.errors),
                f"{key}.generator_cpu": result.cpu_share,
            }
        )
        if result.failures:
            self.details[f"{key}.failures"] = result.failures

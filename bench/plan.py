"""How long and how hard each scenario runs: the full plan of `make bench`, and a quick one for development."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Plan:
    name: str
    rounds: int  # every scenario runs once per round
    http_s: float  # each closed-loop endpoint measurement
    warmup_s: float
    concurrencies: tuple[int, ...]
    e2e_payments: int
    sustained_rates: tuple[int, ...]  # payments per second offered
    sustained_s: float
    slow_merchant_rate: int  # payments per second for each of the two merchants
    slow_merchant_s: float
    backlog_deliveries: int
    backlog_http_s: float
    messaging_messages: int
    messaging_calls: int

    def with_rounds(self, rounds: int | None) -> Plan:
        return self if rounds is None else replace(self, rounds=rounds)


FULL = Plan(
    name="full",
    rounds=3,
    http_s=5.0,
    warmup_s=1.0,
    concurrencies=(16, 64),
    e2e_payments=2_000,
    sustained_rates=(100, 200),
    sustained_s=60.0,
    slow_merchant_rate=20,
    slow_merchant_s=15.0,
    backlog_deliveries=20_000,
    backlog_http_s=4.0,
    messaging_messages=2_000,
    messaging_calls=500,
)

QUICK = Plan(
    name="quick",
    rounds=1,
    http_s=2.0,
    warmup_s=0.5,
    concurrencies=(16, 64),
    e2e_payments=300,
    sustained_rates=(100, 200),
    sustained_s=10.0,
    slow_merchant_rate=10,
    slow_merchant_s=8.0,
    backlog_deliveries=2_000,
    backlog_http_s=2.0,
    messaging_messages=500,
    messaging_calls=200,
)

PLANS = {plan.name: plan for plan in (FULL, QUICK)}

"""The home page's numbers, computed from the payments the API lists (no statistics endpoint needed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard.api_client import GatewayClient, every_item
from dashboard.formatting import parse_api_time

RECENT_DAYS = 7
MAX_SCANNED = 10_000  # beyond this the numbers are marked as covering the latest payments only


@dataclass(frozen=True)
class DayTotals:
    day: date
    succeeded: int
    failed: int
    pending: int
    volume: int  # paise of the day's successful payments

    @property
    def count(self) -> int:
        return self.succeeded + self.failed + self.pending


@dataclass(frozen=True)
class PaymentStats:
    total_transactions: int
    total_amount: int  # paise of successful payments
    success_rate: int  # whole percent of all payments that succeeded
    days: list[DayTotals]  # oldest first, ending today
    complete: bool  # False when the merchant has more payments than were scanned


def collect_payments(client: GatewayClient) -> tuple[list[dict], int]:
    """The merchant's payments, newest first, and how many there are in all."""
    return every_item(lambda limit, offset: client.list_payments(limit=limit, offset=offset), MAX_SCANNED)


def summarize(payments: Iterable[dict], total: int, today: date) -> PaymentStats:
    payments = list(payments)
    succeeded = [p for p in payments if p["status"] == "success"]
    return PaymentStats(
        total_transactions=total,
        total_amount=sum(p["amount"] for p in succeeded),
        success_rate=_whole_percent(len(succeeded), total),
        days=_recent_days(payments, today),
        complete=len(payments) >= total,
    )


def _whole_percent(part: int, whole: int) -> int:
    """Rounded half up, as a person would: 2 of 3 is 67%."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def _recent_days(payments: list[dict], today: date) -> list[DayTotals]:
    first = today - timedelta(days=RECENT_DAYS - 1)
    by_day: dict[date, list[dict]] = {first + timedelta(days=n): [] for n in range(RECENT_DAYS)}
    for payment in payments:
        created = parse_api_time(payment["created_at"])
        if created is not None and created.date() in by_day:
            by_day[created.date()].append(payment)
    return [
        DayTotals(
            day=day,
            succeeded=sum(1 for p in day_payments if p["status"] == "success"),
            failed=sum(1 for p in day_payments if p["status"] == "failed"),
            pending=sum(1 for p in day_payments if p["status"] not in ("success", "failed")),
            volume=sum(p["amount"] for p in day_payments if p["status"] == "success"),
        )
        for day, day_payments in by_day.items()
    ]

"""How the dashboard shows money and times (Jinja filters)."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

from paygate_shared.money import format_rupees


def parse_api_time(value: str | None) -> datetime | None:
    """The API's ISO-8601 UTC timestamp ('2024-01-15T10:31:00Z') as an aware datetime."""
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def api_time(value: str | None) -> str:
    """'2024-01-15T10:31:00Z' -> '2024-01-15 10:31:00' (UTC); a dash when absent."""
    moment = parse_api_time(value)
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


def rupees(paise: int | None) -> str:
    """50000 -> '₹500.00'."""
    return "—" if paise is None else format_rupees(paise)


def rupees_total(paise: int) -> str:
    """A headline total: '₹5,00,000', keeping the paise only when there are some ('₹5,00,000.50')."""
    return format_rupees(paise, with_paise=paise % 100 != 0)


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(api_time=api_time, rupees=rupees, rupees_total=rupees_total)

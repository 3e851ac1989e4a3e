"""Payment method checks at the edge: the card number and CVV stop here; only network and last four go on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

VPA_PATTERN = re.compile(r"^[a-zA-Z0-9._-]+@[a-zA-Z0-9]+$")
CARD_FIELDS = ("number", "expiry_month", "expiry_year", "cvv", "holder_name")


class MethodRejected(Exception):
    """The payment method is unusable; code and message are the API's."""

    def __init__(self, code: str, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


@dataclass(frozen=True)
class CardSummary:
    """All that leaves the gateway about a card."""

    network: str
    last4: str


def check_vpa(vpa: Any) -> str:
    if not isinstance(vpa, str) or not VPA_PATTERN.match(vpa):
        raise MethodRejected("INVALID_VPA", "Invalid VPA format")
    return vpa


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def card_network(digits: str) -> str:
    if digits.startswith("4"):
        return "visa"
    two = int(digits[:2])
    if 51 <= two <= 55:
        return "mastercard"
    if two in (34, 37):
        return "amex"
    if two in (60, 65) or 81 <= two <= 89:
        return "rupay"
    return "unknown"


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _expiry(month_value: Any, year_value: Any) -> tuple[int, int]:
    month, year = _as_int(month_value), _as_int(year_value)
    if month is None or not 1 <= month <= 12 or year is None:
        raise MethodRejected("EXPIRED_CARD", "Card expiry date is invalid")
    digits = str(year_value).strip() if isinstance(year_value, str) else str(year)
    if len(digits) <= 2:
        year += 2000
    return year, month


def check_card(card: Any, now: datetime) -> CardSummary:
    if not isinstance(card, dict) or any(card.get(f) in (None, "") for f in CARD_FIELDS):
        raise MethodRejected("INVALID_CARD", "Card details are incomplete")
    number = card["number"]
    digits = re.sub(r"[\s-]", "", number) if isinstance(number, str) else ""
    if not digits.isdigit() or not 13 <= len(digits) <= 19 or not luhn_valid(digits):
        raise MethodRejected("INVALID_CARD", "Card number is invalid")
    cvv = card["cvv"]
    if not isinstance(cvv, str | int) or isinstance(cvv, bool) or not re.fullmatch(r"\d{3,4}", str(cvv)):
        raise MethodRejected("INVALID_CARD", "CVV must be 3 or 4 digits")
    if not isinstance(card["holder_name"], str):
        raise MethodRejected("INVALID_CARD", "Card holder name is invalid")
    year, month = _expiry(card["expiry_month"], card["expiry_year"])
    if (year, month) < (now.year, now.month):
        raise MethodRejected("EXPIRED_CARD", "Card has expired")
    return CardSummary(network=card_network(digits), last4=digits[-4:])

"""Which page of a list a visitor asked for, and the links around it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Pager:
    param: str  # the query parameter carrying the page number
    number: int  # 1-based
    size: int
    total: int = 0

    @classmethod
    def from_args(cls, args: Mapping[str, str], size: int, param: str = "page") -> Pager:
        raw = args.get(param, "1")
        number = int(raw) if raw.isdigit() and int(raw) > 0 else 1
        return cls(param=param, number=number, size=size)

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def with_total(self, total: int) -> Pager:
        return Pager(self.param, self.number, self.size, total)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.size, self.total)

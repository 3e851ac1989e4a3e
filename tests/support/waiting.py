"""Wait for an asynchronous effect with a bounded poll, never a bare sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class TimedOut(AssertionError):
    pass


def eventually(probe: Callable[[], T], *, timeout: float = 15.0, interval: float = 0.1, what: str = "condition") -> T:
    """Call `probe` until it returns something truthy; fail after `timeout` seconds with the last value."""
    deadline = time.monotonic() + timeout
    last: object = None
    while True:
        try:
            last = probe()
        except AssertionError as exc:
            last = exc
        else:
            if last:
                return last
        if time.monotonic() >= deadline:
            raise TimedOut(f"{what} not met within {timeout}s; last value: {last!r}")
        time.sleep(interval)

"""A per-endpoint concurrency limit, so one merchant's slow server cannot take every delivery thread."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager


class EndpointSlots:
    """At most `limit` deliveries in flight to one merchant's endpoint within this worker process.

    `hold` never waits: a delivery that finds no free slot is told so and is expected to
    come back later, instead of parking a pool thread behind a hanging server.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("an endpoint needs at least one delivery slot")
        self._limit = limit
        self._busy: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def hold(self, merchant_id: str) -> Iterator[bool]:
        """Yield True with a slot held for the block, or False when the endpoint is at its limit."""
        with self._lock:
            free = self._busy[merchant_id] < self._limit
            if free:
                self._busy[merchant_id] += 1
        try:
            yield free
        finally:
            if free:
                with self._lock:
                    self._busy[merchant_id] -= 1
                    if not self._busy[merchant_id]:
                        del self._busy[merchant_id]

    def in_use(self, merchant_id: str) -> int:
        with self._lock:
            return self._busy[merchant_id]

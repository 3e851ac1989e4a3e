"""A per-endpoint concurrency limit, so one merchant's slow server cannot take every delivery thread."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: an endpoint whose deliveries take longer than this is slow: its slots stay taken for seconds
QUICK_S = 1.0
#: how long a delivery may wait for a quick endpoint's slot; one frees within moments
SLOT_WAIT_S = 2.0


class EndpointSlots:
    """At most `limit` deliveries in flight to one merchant's endpoint within this worker process.

    A delivery that finds its endpoint at the limit waits up to `wait_s` for a slot while the
    endpoint answers quickly, since one frees within moments; sending it back to the queue
    instead would only make it come round again and again. At most half the limit (at least
    one) wait per endpoint, and when the endpoint is slow (a delivery in flight, or the last one,
    took longer than `quick_s`) a delivery is told at once, and those waiting give up as soon as
    it shows: no more than one and a half times its limit of pool threads ever sit behind one
    merchant's server.
    """

    def __init__(
        self,
        limit: int,
        *,
        quick_s: float = QUICK_S,
        wait_s: float = SLOT_WAIT_S,
        clock: Callable[[], float] = time.monotonic,  # measures how long deliveries take
    ) -> None:
        if limit < 1:
            raise ValueError("an endpoint needs at least one delivery slot")
        self._limit = limit
        self._most_waiting = max(1, limit // 2)
        self._quick_s = quick_s
        self._wait_s = wait_s
        self._clock = clock
        self._started: defaultdict[str, list[float]] = defaultdict(list)  # merchant -> starts of its deliveries
        self._waiting: defaultdict[str, int] = defaultdict(int)
        self._last_took: dict[str, float] = {}
        self._changed = threading.Condition()

    @contextmanager
    def hold(self, merchant_id: str) -> Iterator[bool]:
        """Yield True with a slot held for the block, or False when the endpoint stays at its limit."""
        started = self._take(merchant_id)
        if started is None:
            yield False
            return
        try:
            yield True
        finally:
            self._give_back(merchant_id, started)

    def refuses(self, merchant_id: str) -> bool:
        """Whether a delivery to this endpoint would be told no at once (it is slow and at its limit)."""
        with self._changed:
            return len(self._started.get(merchant_id, ())) >= self._limit and self._slow(merchant_id)

    def is_slow(self, merchant_id: str) -> bool:
        with self._changed:
            return self._slow(merchant_id)

    def in_use(self, merchant_id: str) -> int:
        with self._changed:
            return len(self._started.get(merchant_id, ()))

    def waiting(self, merchant_id: str) -> int:
        with self._changed:
            return self._waiting.get(merchant_id, 0)

    def _take(self, merchant_id: str) -> float | None:
        deadline = time.monotonic() + self._wait_s  # real time: it bounds a real wait
        with self._changed:
            if len(self._started[merchant_id]) >= self._limit and self._waiting[merchant_id] >= self._most_waiting:
                return None
            self._waiting[merchant_id] += 1
            try:
                while len(self._started[merchant_id]) >= self._limit:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or self._slow(merchant_id):
                        return None
                    self._changed.wait(min(remaining, self._until_slow(merchant_id)))
            finally:
                self._waiting[merchant_id] -= 1
                if not self._waiting[merchant_id]:
                    del self._waiting[merchant_id]
            started = self._clock()
            self._started[merchant_id].append(started)
            return started

    def _give_back(self, merchant_id: str, started: float) -> None:
        with self._changed:
            self._started[merchant_id].remove(started)
            if not self._started[merchant_id]:
                del self._started[merchant_id]
            self._last_took[merchant_id] = self._clock() - started
            self._changed.notify_all()

    def _until_slow(self, merchant_id: str) -> float:
        """Seconds until the oldest delivery in flight has taken long enough to call the endpoint slow."""
        oldest = min(self._started.get(merchant_id, ()), default=self._clock())
        return max(0.01, oldest + self._quick_s - self._clock())

    def _slow(self, merchant_id: str) -> bool:
        in_flight = self._started.get(merchant_id, ())
        oldest = min(in_flight, default=self._clock())
        return self._clock() - oldest > self._quick_s or self._last_took.get(merchant_id, 0.0) > self._quick_s

"""The simulated processor: how long a payment takes and whether it succeeds."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SUCCESS_RATE = {"upi": 0.90, "card": 0.95}
NORMAL_DELAYS_MS = (5_000, 6_000, 7_000, 8_000, 9_000, 10_000)
#: a pending payment this long past its processing time lost its job; the sweep schedules another
OVERDUE_AFTER_S = 30


@dataclass(frozen=True)
class ProcessorPolicy:
    """Normal mode: 5-10 s and 90 % (UPI) / 95 % (card) success. Test mode: fixed delay and outcome."""

    test_mode: bool
    test_delay_ms: int = 1000
    test_success: bool = True
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay_ms(self) -> int:
        """One of a few fixed delays, so each has its own delay queue."""
        return self.test_delay_ms if self.test_mode else self.rng.choice(NORMAL_DELAYS_MS)

    def possible_delays_ms(self) -> tuple[int, ...]:
        if self.test_mode:
            return (self.test_delay_ms,) if self.test_delay_ms > 0 else ()
        return NORMAL_DELAYS_MS

    def succeeds(self, method: str) -> bool:
        if self.test_mode:
            return self.test_success
        return self.rng.random() < SUCCESS_RATE[method]

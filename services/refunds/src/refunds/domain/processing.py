"""How long a refund takes to process, and when a pending one counts as overdue."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

NORMAL_DELAYS_MS = (3_000, 4_000, 5_000)
#: a pending refund this long past its processing time lost its job; the sweep schedules another
OVERDUE_AFTER_S = 30


@dataclass(frozen=True)
class RefundTiming:
    """Normal mode: 3-5 s. Test mode: a fixed delay (0 processes at once)."""

    test_mode: bool
    test_delay_ms: int = 1000
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay_ms(self) -> int:
        """One of a few fixed delays, so each has its own delay queue."""
        return self.test_delay_ms if self.test_mode else self.rng.choice(NORMAL_DELAYS_MS)

    def possible_delays_ms(self) -> tuple[int, ...]:
        if self.test_mode:
            return (self.test_delay_ms,) if self.test_delay_ms > 0 else ()
        return NORMAL_DELAYS_MS

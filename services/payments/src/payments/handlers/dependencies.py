"""What handlers need from the outside world, passed in explicitly so tests can use fakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from paygate_shared.timefmt import utcnow
from payments.adapters.unit_of_work import UnitOfWork
from payments.domain.processing import ProcessorPolicy


@dataclass(frozen=True)
class Dependencies:
    unit_of_work: Callable[[], UnitOfWork]
    policy: ProcessorPolicy
    clock: Callable[[], datetime] = utcnow

"""What handlers need from the outside world, passed in explicitly so tests can use fakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from paygate_shared.timefmt import utcnow
from refunds.adapters.payments_service import PaymentsService
from refunds.adapters.unit_of_work import UnitOfWork
from refunds.domain.processing import RefundTiming


@dataclass(frozen=True)
class Dependencies:
    unit_of_work: Callable[[], UnitOfWork]
    payments: PaymentsService
    timing: RefundTiming
    clock: Callable[[], datetime] = utcnow

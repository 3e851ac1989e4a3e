"""Payments settings, read once from the environment; the only place that reads os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from paygate_shared.config import Connections, env_int


@dataclass(frozen=True)
class Settings:
    connections: Connections
    test_processing_delay_ms: int
    test_payment_success: bool
    pool_size: int
    prefetch: int
    log_level: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        pool_size = env_int(env, "PAYMENTS_POOL_SIZE", 8)
        return cls(
            connections=Connections.from_env(env),
            test_processing_delay_ms=env_int(env, "TEST_PROCESSING_DELAY", 1000),
            # only an explicit "false" fails payments in test mode
            test_payment_success=env.get("TEST_PAYMENT_SUCCESS", "true").strip().lower() != "false",
            pool_size=pool_size,
            prefetch=env_int(env, "PAYMENTS_PREFETCH", pool_size * 2),
            log_level=env.get("LOG_LEVEL", "INFO"),
        )

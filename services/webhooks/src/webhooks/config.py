"""Webhooks service settings, read once from the environment; the only place that reads os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from paygate_shared.config import Connections, env_bool, env_int

DEV_SECRET_KEY = "paygate-development-key-change-me"

#: delay before attempt 1..5 (API.md, "Webhook delivery")
RETRY_DELAYS_S = (0, 60, 300, 1800, 7200)
TEST_RETRY_DELAYS_S = (0, 5, 10, 15, 20)
DEFAULT_HANDLER_THREADS = 16
#: deliveries in flight to one merchant's endpoint per worker process (half the pool; the rest stays free for others)
DEFAULT_ENDPOINT_CONCURRENCY = 8


@dataclass(frozen=True)
class Settings:
    connections: Connections
    secret_key: str
    retry_delays_s: tuple[int, ...]
    allow_private_urls: bool
    test_merchant_webhook_url: str | None
    handler_threads: int
    endpoint_concurrency: int
    log_level: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        connections = Connections.from_env(env)
        test_intervals = env_bool(env, "WEBHOOK_RETRY_INTERVALS_TEST")
        return cls(
            connections=connections,
            secret_key=env.get("PAYGATE_SECRET_KEY", DEV_SECRET_KEY),
            retry_delays_s=TEST_RETRY_DELAYS_S if test_intervals else RETRY_DELAYS_S,
            allow_private_urls=env_bool(env, "WEBHOOK_ALLOW_PRIVATE_URLS", default=connections.test_mode),
            test_merchant_webhook_url=env.get("TEST_MERCHANT_WEBHOOK_URL") or None,
            handler_threads=env_int(env, "WEBHOOK_HANDLER_THREADS", DEFAULT_HANDLER_THREADS),
            endpoint_concurrency=env_int(env, "WEBHOOK_ENDPOINT_CONCURRENCY", DEFAULT_ENDPOINT_CONCURRENCY),
            log_level=env.get("LOG_LEVEL", "INFO"),
        )

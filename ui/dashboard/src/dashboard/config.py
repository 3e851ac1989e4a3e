"""Dashboard settings, read once from the environment; the only place that reads os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from paygate_shared.config import env_bool, env_float, env_int

DEV_SECRET_KEY = "paygate-dashboard-development-key-change-me"


@dataclass(frozen=True)
class Settings:
    api_url: str  # where the dashboard calls the gateway, server-side
    public_api_url: str  # the gateway as merchants reach it, shown in code snippets
    checkout_url: str  # where the hosted checkout and /checkout.js are served
    secret_key: str  # signs the session cookie and seals what it carries
    test_mode: bool
    port: int
    web_workers: int
    web_threads: int
    api_timeout_s: float
    secure_cookies: bool
    log_level: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        # the same names as the checkout's: one .env configures both
        public_api_url = env.get("PAYGATE_API_URL", "http://localhost:8000").rstrip("/")
        return cls(
            api_url=env.get("PAYGATE_INTERNAL_API_URL", public_api_url).rstrip("/"),
            public_api_url=public_api_url,
            checkout_url=env.get("CHECKOUT_PUBLIC_URL", "http://localhost:3001").rstrip("/"),
            secret_key=env.get("DASHBOARD_SECRET_KEY", DEV_SECRET_KEY),
            test_mode=env_bool(env, "TEST_MODE"),
            port=env_int(env, "DASHBOARD_PORT", 3000),
            web_workers=env_int(env, "DASHBOARD_WORKERS", 2),
            web_threads=env_int(env, "DASHBOARD_THREADS", 8),
            # above the gateway's own RPC deadline, so its 503 arrives before we give up
            api_timeout_s=env_float(env, "DASHBOARD_API_TIMEOUT", 10.0),
            secure_cookies=env_bool(env, "DASHBOARD_SECURE_COOKIES"),
            log_level=env.get("LOG_LEVEL", "INFO"),
        )

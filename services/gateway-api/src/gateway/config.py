"""Gateway settings, read once from the environment; the only place that reads os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from paygate_shared.config import Connections, env_int

DEV_SECRET_KEY = "paygate-development-key-change-me"


@dataclass(frozen=True)
class Settings:
    connections: Connections
    secret_key: str
    port: int
    web_workers: int
    web_threads: int
    cors_origins: tuple[str, ...]
    expected_workers: tuple[str, ...]
    max_body_bytes: int
    auth_failure_limit: int
    auth_failure_window_s: int
    log_level: str

    @property
    def test_mode(self) -> bool:
        return self.connections.test_mode

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        origins = env.get(
            "CORS_ORIGINS", "http://localhost:3000,http://localhost:3001,http://127.0.0.1:3000,http://127.0.0.1:3001"
        )
        return cls(
            connections=Connections.from_env(env),
            secret_key=env.get("PAYGATE_SECRET_KEY", DEV_SECRET_KEY),
            port=env_int(env, "GATEWAY_PORT", 8000),
            web_workers=env_int(env, "GATEWAY_WORKERS", 2),
            web_threads=env_int(env, "GATEWAY_THREADS", 16),
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            expected_workers=tuple(
                w.strip() for w in env.get("EXPECTED_WORKERS", "payments,refunds,webhooks").split(",") if w.strip()
            ),
            max_body_bytes=env_int(env, "MAX_BODY_BYTES", 1024 * 1024),
            # failed API authentications one client may make in a window before it is refused with 429
            auth_failure_limit=env_int(env, "AUTH_FAILURE_LIMIT", 20),
            auth_failure_window_s=env_int(env, "AUTH_FAILURE_WINDOW_S", 60),
            log_level=env.get("LOG_LEVEL", "INFO"),
        )

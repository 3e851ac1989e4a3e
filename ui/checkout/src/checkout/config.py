"""Checkout settings, read once from the environment; the only place that reads os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from paygate_shared.config import env_int

DEFAULT_API_URL = "http://localhost:8000"


@dataclass(frozen=True)
class Settings:
    port: int
    #: the API as the shopper's browser reaches it (payments are created and polled from the page)
    api_url: str
    #: the API as this server reaches it (order summaries, the demo's orders); differs inside containers
    server_api_url: str
    #: where shoppers and merchants reach this app; the demo loads the SDK from here
    public_url: str
    demo_key: str
    demo_secret: str
    web_workers: int
    web_threads: int
    log_level: str

    @property
    def api_origin(self) -> str:
        parts = urlsplit(self.api_url)
        return f"{parts.scheme}://{parts.netloc}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        api_url = _url(env, "PAYGATE_API_URL", DEFAULT_API_URL)
        return cls(
            port=env_int(env, "CHECKOUT_PORT", 3001),
            api_url=api_url,
            server_api_url=_url(env, "PAYGATE_INTERNAL_API_URL", api_url),
            public_url=_url(env, "CHECKOUT_PUBLIC_URL", "http://localhost:3001"),
            demo_key=env.get("CHECKOUT_DEMO_KEY", "key_test_abc123"),
            demo_secret=env.get("CHECKOUT_DEMO_SECRET", "secret_test_xyz789"),
            web_workers=env_int(env, "CHECKOUT_WORKERS", 2),
            web_threads=env_int(env, "CHECKOUT_THREADS", 8),
            log_level=env.get("LOG_LEVEL", "INFO"),
        )


def _url(env: Mapping[str, str], name: str, default: str) -> str:
    """An http(s) base URL without a trailing slash, so paths can be appended to it."""
    raw = (env.get(name) or default).strip().rstrip("/")
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"{name} must be an http(s) URL such as {default}, got {raw!r}")
    return raw

"""Parsing of the environment settings every service reads, and the connection settings they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/paygate"
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672//"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def env_bool(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    """Read a boolean flag: true/1/yes/on are true, anything else false."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def env_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


@dataclass(frozen=True)
class Connections:
    """Where the infrastructure lives; identical for every service of one deployment."""

    database_url: str
    amqp_url: str
    redis_url: str
    redis_prefix: str
    rpc_timeout: float
    test_mode: bool
    metrics_port: int | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Connections:
        return cls(
            database_url=env.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            amqp_url=env.get("AMQP_URL", DEFAULT_AMQP_URL),
            redis_url=env.get("REDIS_URL", DEFAULT_REDIS_URL),
            redis_prefix=env.get("REDIS_PREFIX", "paygate:"),
            rpc_timeout=env_float(env, "RPC_TIMEOUT", 5.0),
            test_mode=env_bool(env, "TEST_MODE"),
            metrics_port=env_int(env, "METRICS_PORT", -1) if env.get("METRICS_PORT") else None,
        )

"""Worker heartbeats in Redis: who is alive, and the job counts each service reports with its beat."""

from __future__ import annotations

import json
import os
import socket
import uuid
from typing import Any

import redis

HEARTBEAT_INTERVAL_S = 2.0
HEARTBEAT_TTL_S = 6


def heartbeat_key(prefix: str, service: str, instance: str) -> str:
    return f"{prefix}workers:{service}:{instance}"


def new_instance_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def beat(client: redis.Redis, prefix: str, service: str, instance: str, report: dict[str, Any]) -> None:
    """Say this worker is alive for the next HEARTBEAT_TTL_S seconds, with what it reports."""
    client.set(heartbeat_key(prefix, service, instance), json.dumps({"service": service, **report}), ex=HEARTBEAT_TTL_S)


def live_workers(client: redis.Redis, prefix: str) -> list[dict[str, Any]]:
    """The latest report of every worker whose heartbeat has not expired."""
    keys = list(client.scan_iter(match=f"{prefix}workers:*", count=200))
    if not keys:
        return []
    return [json.loads(raw) for raw in client.mget(keys) if raw]

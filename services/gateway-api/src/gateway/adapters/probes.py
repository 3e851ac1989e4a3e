"""Real probes of what the gateway depends on, and the workers' reports from their heartbeats."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import redis
from sqlalchemy import Engine, text

from paygate_shared.heartbeat import live_workers
from paygate_shared.messaging.rpc import RpcClient

log = logging.getLogger(__name__)

JOB_KEYS = ("pending", "processing", "completed", "failed")


def database_connected(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception as exc:  # any failure means "not usable now"
        log.warning("database probe failed: %s", exc)
        return False


def redis_connected(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except Exception as exc:
        log.warning("redis probe failed: %s", exc)
        return False


def broker_connected(rpc: RpcClient) -> bool:
    try:
        rpc.ping()
        return True
    except Exception as exc:
        log.warning("broker probe failed: %s", exc)
        return False


def worker_reports(client: redis.Redis, prefix: str) -> list[dict[str, Any]]:
    try:
        return live_workers(client, prefix)
    except Exception as exc:
        log.warning("worker heartbeats unreadable: %s", exc)
        return []


def workers_running(reports: list[dict[str, Any]], expected: Iterable[str]) -> bool:
    alive = {report.get("service") for report in reports}
    return all(service in alive for service in expected)


def job_counts(reports: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per service: the stored counts (the same from every instance) plus jobs in flight summed over instances."""
    by_service: dict[str, dict[str, int]] = {}
    for report in reports:
        jobs = report.get("jobs") or {}
        counts = by_service.setdefault(report["service"], {key: 0 for key in JOB_KEYS})
        for key in ("pending", "completed", "failed"):
            counts[key] = max(counts[key], int(jobs.get(key, 0)))
        counts["processing"] += int(jobs.get("processing", 0))
    return by_service

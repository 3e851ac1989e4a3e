"""One PostgreSQL database, RabbitMQ vhost and Redis key prefix per test run, so runs never collide."""

from __future__ import annotations

import contextlib
import secrets
import subprocess
from dataclasses import dataclass
from urllib.parse import quote

import psycopg2
import redis

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Isolation:
    run_id: str
    database: str
    vhost: str
    redis_prefix: str

    @property
    def database_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:5432/{self.database}"

    @property
    def amqp_url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:5672/{quote(self.vhost, safe='')}"

    @property
    def redis_url(self) -> str:
        return "redis://127.0.0.1:6379/0"

    def env(self) -> dict[str, str]:
        return {
            "DATABASE_URL": self.database_url,
            "AMQP_URL": self.amqp_url,
            "REDIS_URL": self.redis_url,
            "REDIS_PREFIX": self.redis_prefix,
        }


def _admin(sql: str) -> None:
    conn = psycopg2.connect(PG_ADMIN)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=60)


def create_isolation(label: str = "test") -> Isolation:
    run_id = f"{label}_{secrets.token_hex(4)}"
    isolation = Isolation(
        run_id=run_id,
        database=f"paygate_{run_id}",
        vhost=f"paygate_{run_id}",
        redis_prefix=f"paygate:{run_id}:",
    )
    _admin(f'CREATE DATABASE "{isolation.database}"')
    _rabbitmqctl("add_vhost", isolation.vhost)
    _rabbitmqctl("set_permissions", "-p", isolation.vhost, "guest", ".*", ".*", ".*")
    return isolation


def destroy_isolation(isolation: Isolation) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{isolation.database}" WITH (FORCE)')
    with contextlib.suppress(subprocess.CalledProcessError):
        _rabbitmqctl("delete_vhost", isolation.vhost)
    client = redis.Redis.from_url(isolation.redis_url)
    keys = list(client.scan_iter(match=f"{isolation.redis_prefix}*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()

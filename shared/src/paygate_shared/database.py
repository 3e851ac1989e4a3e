"""Engines and transactions; every service keeps its tables in its own schema of one database."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine


def driver_url(database_url: str) -> str:
    """Accept the usual postgresql:// URL and pin the psycopg2 driver Paygate ships with."""
    for scheme in ("postgresql://", "postgres://"):
        if database_url.startswith(scheme):
            return "postgresql+psycopg2://" + database_url[len(scheme) :]
    return database_url


def make_engine(database_url: str, *, pool_size: int = 5, application_name: str = "paygate") -> Engine:
    """An engine whose connections fail fast when PostgreSQL is away instead of hanging."""
    return create_engine(
        driver_url(database_url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        pool_timeout=5,
        connect_args={"connect_timeout": 3, "application_name": application_name},
    )

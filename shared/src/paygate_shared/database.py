"""Engines and transactions; every service keeps its tables in its own schema of one database."""

from __future__ import annotations

import time
from functools import partial

from sqlalchemy import Dialect, Engine, create_engine, event, exc

#: a pooled connection idle longer than this is pinged before it is handed out (the database may have
#: restarted meanwhile); one in steady use is not, which spares a round trip on nearly every checkout
PING_AFTER_IDLE_S = 5.0


def driver_url(database_url: str) -> str:
    """Accept the usual postgresql:// URL and pin the psycopg2 driver Paygate ships with."""
    for scheme in ("postgresql://", "postgres://"):
        if database_url.startswith(scheme):
            return "postgresql+psycopg2://" + database_url[len(scheme) :]
    return database_url


def make_engine(
    database_url: str,
    *,
    pool_size: int = 5,
    application_name: str = "paygate",
    ping_after_idle_s: float = PING_AFTER_IDLE_S,
    autocommit: bool = False,
) -> Engine:
    """An engine whose connections fail fast when PostgreSQL is away instead of hanging.

    With `autocommit` every statement is its own transaction and none is wrapped in BEGIN and
    COMMIT: for a caller whose every unit of work is one statement, that spares two round trips
    each. The connections are made so once, when opened, not switched at every checkout.
    """
    engine = create_engine(
        driver_url(database_url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=5,
        connect_args={"connect_timeout": 3, "application_name": application_name},
        **({"isolation_level": "AUTOCOMMIT"} if autocommit else {}),
    )
    event.listen(engine, "checkin", _note_idle_since)
    event.listen(engine, "checkout", partial(_ping_if_idle, engine.dialect, ping_after_idle_s))
    return engine


def _note_idle_since(dbapi_connection, connection_record) -> None:
    connection_record.info["idle_since"] = time.monotonic()


def _ping_if_idle(
    dialect: Dialect, ping_after_idle_s: float, dbapi_connection, connection_record, connection_proxy
) -> None:
    """Check a connection that sat idle; a dead one makes the pool discard it and hand out a fresh one.

    A connection used moments ago is trusted: if the database went away since, the statement
    fails, SQLAlchemy invalidates the pool, and the caller's retry gets new connections.
    """
    idle_since = connection_record.info.get("idle_since")
    if idle_since is None or time.monotonic() - idle_since < ping_after_idle_s:
        return
    try:
        dialect.do_ping(dbapi_connection)
    except Exception as error:  # any failure of the probe means the connection cannot be trusted
        raise exc.DisconnectionError(f"pooled connection failed its ping: {error}") from error

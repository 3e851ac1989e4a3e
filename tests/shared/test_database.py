"""Pooled connections: an idle one is checked before use, so a database restart costs no request."""

from __future__ import annotations

import psycopg2
from sqlalchemy import text

from paygate_shared.database import make_engine
from tests.support.isolation import PG_ADMIN


def backend_of(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def terminate(backend: int) -> None:
    admin = psycopg2.connect(PG_ADMIN)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (backend,))
    admin.close()


def test_an_idle_connection_whose_server_side_died_is_replaced_before_it_is_used(isolation):
    engine = make_engine(isolation.database_url, pool_size=1, ping_after_idle_s=0)
    first = backend_of(engine)

    terminate(first)

    assert backend_of(engine) != first
    engine.dispose()


def test_an_autocommit_engine_commits_each_statement_without_a_transaction_around_it(isolation):
    engine = make_engine(isolation.database_url, pool_size=1, autocommit=True)
    observer = make_engine(isolation.database_url, pool_size=1)
    with engine.connect() as conn:
        conn.execute(text("CREATE TABLE autocommitted (n int)"))
        conn.execute(text("INSERT INTO autocommitted VALUES (1)"))
        in_transaction = conn.execute(text("SELECT now() <> statement_timestamp()")).scalar_one()
        # seen by another connection before this one is closed or committed
        with observer.connect() as other:
            assert other.execute(text("SELECT count(*) FROM autocommitted")).scalar_one() == 1

    assert in_transaction is False
    engine.dispose()
    observer.dispose()

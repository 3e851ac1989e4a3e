"""The body of every service's alembic env.py: migrate one schema, keeping its version table inside it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text


def run_migrations(schema: str) -> None:
    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        connection.commit()
        context.configure(connection=connection, version_table_schema=schema, include_schemas=False)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()

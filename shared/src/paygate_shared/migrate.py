"""Apply a service's alembic migrations programmatically (used by `python -m <service> migrate`)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from paygate_shared.database import driver_url


def ensure_database(database_url: str) -> None:
    """Create the database itself when it does not exist yet (a fresh machine)."""
    url = make_url(driver_url(database_url))
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}).scalar()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()


def upgrade(database_url: str, migrations_dir: Path) -> None:
    ensure_database(database_url)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", driver_url(database_url).replace("%", "%%"))
    command.upgrade(config, "head")

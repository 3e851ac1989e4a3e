"""Alembic environment for the payments schema."""

from paygate_shared.alembic_env import run_migrations

run_migrations("payments")

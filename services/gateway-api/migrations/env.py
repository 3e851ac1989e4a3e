"""Alembic environment for the gateway schema."""

from paygate_shared.alembic_env import run_migrations

run_migrations("gateway")

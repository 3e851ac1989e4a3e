"""Alembic environment for the refunds schema."""

from paygate_shared.alembic_env import run_migrations

run_migrations("refunds")

"""Alembic environment for the webhooks schema."""

from paygate_shared.alembic_env import run_migrations

run_migrations("webhooks")

"""Webhook endpoints, the delivery log and its attempts, and the messaging tables.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

from paygate_shared.messaging.migrations import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA = "webhooks"


def upgrade() -> None:
    create_messaging_tables(op, SCHEMA)
    op.create_table(
        "endpoints",
        sa.Column("merchant_id", UUID(as_uuid=False), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("secret_sealed", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=SCHEMA,
    )
    op.create_table(
        "delivery_log",
        sa.Column("id", UUID(as_uuid=False), primary_key=True),
        sa.Column("merchant_id", UUID(as_uuid=False), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("payment_id", sa.String(32)),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("next_retry_at", sa.DateTime(timezone=True)),
        sa.Column("response_code", sa.Integer),
        sa.Column("response_body", sa.Text),
        sa.Column("correlation_id", sa.String(64)),
        sa.Column("job_id", sa.String(64)),
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
        sa.CheckConstraint("status IN ('pending', 'success', 'failed')", name="delivery_log_status"),
        sa.UniqueConstraint("merchant_id", "event_id", name="delivery_log_one_entry_per_event"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_delivery_log_merchant_created",
        "delivery_log",
        ["merchant_id", sa.text("created_at DESC"), "id"],
        schema=SCHEMA,
    )
    op.create_index(
        "ix_delivery_log_pending_due",
        "delivery_log",
        ["next_retry_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_table(
        "delivery_attempts",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column(
            "log_id",
            UUID(as_uuid=False),
            sa.ForeignKey(f"{SCHEMA}.delivery_log.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("response_code", sa.Integer),
        sa.Column("duration_ms", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("response_body", sa.Text),
        schema=SCHEMA,
    )
    op.create_index("ix_delivery_attempts_log", "delivery_attempts", ["log_id", "id"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_table("delivery_attempts", schema=SCHEMA)
    op.drop_table("delivery_log", schema=SCHEMA)
    op.drop_table("endpoints", schema=SCHEMA)
    for table in ("commands", "processed_messages", "outbox"):
        op.drop_table(table, schema=SCHEMA)

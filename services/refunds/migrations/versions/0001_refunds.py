"""Refunds, the per-payment refundable balances, and the messaging tables.

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

SCHEMA = "refunds"


def upgrade() -> None:
    op.create_table(
        "balances",
        sa.Column("payment_id", sa.String(32), primary_key=True),
        sa.Column("merchant_id", UUID(as_uuid=False), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("refunded_or_reserved", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("amount > 0", name="balances_amount_positive"),
        sa.CheckConstraint(
            "refunded_or_reserved >= 0 AND refunded_or_reserved <= amount", name="balances_refunds_bounded"
        ),
        schema=SCHEMA,
    )
    op.create_table(
        "refunds",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("merchant_id", UUID(as_uuid=False), nullable=False),
        sa.Column("payment_id", sa.String(32), sa.ForeignKey(f"{SCHEMA}.balances.payment_id"), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("reason", sa.String(255)),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("process_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True)),
        sa.Column("correlation_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("amount > 0", name="refunds_amount_positive"),
        sa.CheckConstraint("status IN ('pending', 'processed')", name="refunds_status_known"),
        sa.CheckConstraint("(status = 'processed') = (processed_at IS NOT NULL)", name="refunds_processed_at_set"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_refunds_merchant_created", "refunds", ["merchant_id", sa.text("created_at DESC")], schema=SCHEMA
    )
    op.create_index("ix_refunds_payment", "refunds", ["payment_id"], schema=SCHEMA)
    op.create_index(
        "ix_refunds_pending_due",
        "refunds",
        ["process_after"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'pending'"),
    )
    create_messaging_tables(op, SCHEMA)


def downgrade() -> None:
    op.execute(f"DROP SCHEMA {SCHEMA} CASCADE")

"""Payments and the messaging tables.

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

SCHEMA = "payments"


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("merchant_id", UUID(as_uuid=False), nullable=False),
        sa.Column("order_id", sa.String(32), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("vpa", sa.String(255)),
        sa.Column("card_network", sa.String(20)),
        sa.Column("card_last4", sa.String(4)),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("captured", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("captured_at", sa.DateTime(timezone=True)),
        sa.Column("amount_refunded", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("error_code", sa.String(40)),
        sa.Column("error_description", sa.String(255)),
        sa.Column("correlation_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("amount > 0", name="payments_amount_positive"),
        sa.CheckConstraint("status IN ('pending', 'success', 'failed')", name="payments_status_known"),
        sa.CheckConstraint("amount_refunded >= 0 AND amount_refunded <= amount", name="payments_refunds_bounded"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_payments_merchant_created", "payments", ["merchant_id", sa.text("created_at DESC")], schema=SCHEMA
    )
    op.create_index("ix_payments_order", "payments", ["order_id"], schema=SCHEMA)
    op.create_index("ix_payments_status", "payments", ["status"], schema=SCHEMA)
    create_messaging_tables(op, SCHEMA)


def downgrade() -> None:
    op.execute(f"DROP SCHEMA {SCHEMA} CASCADE")

"""Merchants and orders.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA = "gateway"


def upgrade() -> None:
    op.create_table(
        "merchants",
        sa.Column("id", UUID(as_uuid=False), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("email", sa.String(255), nullable=False, unique=True),
        sa.Column("api_key", sa.String(64), nullable=False, unique=True),
        sa.Column("api_secret_fingerprint", sa.String(64), nullable=False),
        sa.Column("api_secret_sealed", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=SCHEMA,
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("merchant_id", UUID(as_uuid=False), sa.ForeignKey(f"{SCHEMA}.merchants.id"), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("receipt", sa.String(255)),
        sa.Column("notes", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("idempotency_key", sa.String(255)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("amount >= 100", name="orders_amount_minimum"),
        sa.UniqueConstraint("merchant_id", "idempotency_key", name="orders_merchant_idempotency_key"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_orders_merchant_created", "orders", ["merchant_id", sa.text("created_at DESC"), "id"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table("orders", schema=SCHEMA)
    op.drop_table("merchants", schema=SCHEMA)

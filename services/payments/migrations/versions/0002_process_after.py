"""When each payment's processing is due, so a sweep can find payments whose job was lost.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SCHEMA = "payments"


def upgrade() -> None:
    op.add_column("payments", sa.Column("process_after", sa.DateTime(timezone=True)), schema=SCHEMA)
    op.execute(f"UPDATE {SCHEMA}.payments SET process_after = created_at")
    op.alter_column("payments", "process_after", nullable=False, schema=SCHEMA)
    op.create_index(
        "ix_payments_pending_due",
        "payments",
        ["process_after"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index("ix_payments_pending_due", "payments", schema=SCHEMA)
    op.drop_column("payments", "process_after", schema=SCHEMA)

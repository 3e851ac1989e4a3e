"""The refunds schema (SQLAlchemy Core); alembic migrations create it."""

from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, MetaData, String, Table, func
from sqlalchemy.dialects.postgresql import UUID

from paygate_shared.messaging.tables import messaging_tables

metadata = MetaData(schema="refunds")

balances = Table(
    "balances",
    metadata,
    Column("payment_id", String(32), primary_key=True),
    Column("merchant_id", UUID(as_uuid=False), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("refunded_or_reserved", BigInteger, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

refunds = Table(
    "refunds",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("merchant_id", UUID(as_uuid=False), nullable=False),
    Column("payment_id", String(32), ForeignKey(balances.c.payment_id), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("reason", String(255)),
    Column("status", String(10), nullable=False),
    Column("process_after", DateTime(timezone=True), nullable=False),
    Column("processed_at", DateTime(timezone=True)),
    Column("correlation_id", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

messaging = messaging_tables(metadata)

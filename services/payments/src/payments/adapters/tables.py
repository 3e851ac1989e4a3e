"""The payments schema (SQLAlchemy Core); alembic migrations create it."""

from sqlalchemy import BigInteger, Boolean, Column, DateTime, MetaData, String, Table, func
from sqlalchemy.dialects.postgresql import UUID

from paygate_shared.messaging.tables import messaging_tables

metadata = MetaData(schema="payments")

payments = Table(
    "payments",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("merchant_id", UUID(as_uuid=False), nullable=False),
    Column("order_id", String(32), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("method", String(10), nullable=False),
    Column("vpa", String(255)),
    Column("card_network", String(20)),
    Column("card_last4", String(4)),
    Column("status", String(10), nullable=False),
    Column("captured", Boolean, nullable=False),
    Column("captured_at", DateTime(timezone=True)),
    Column("amount_refunded", BigInteger, nullable=False),
    Column("error_code", String(40)),
    Column("error_description", String(255)),
    Column("correlation_id", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("process_after", DateTime(timezone=True), nullable=False),
)

messaging = messaging_tables(metadata)

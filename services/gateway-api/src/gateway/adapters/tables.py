"""The gateway schema's tables (SQLAlchemy Core); alembic migrations create them."""

from sqlalchemy import BigInteger, Boolean, Column, DateTime, ForeignKey, MetaData, String, Table, Text, func
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = MetaData(schema="gateway")

merchants = Table(
    "merchants",
    metadata,
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("name", String(255), nullable=False),
    Column("email", String(255), nullable=False, unique=True),
    Column("api_key", String(64), nullable=False, unique=True),
    Column("api_secret_fingerprint", String(64), nullable=False),
    Column("api_secret_sealed", Text, nullable=False),
    Column("password_hash", Text),
    Column("is_active", Boolean, nullable=False, server_default="true"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

orders = Table(
    "orders",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("merchant_id", UUID(as_uuid=False), ForeignKey("gateway.merchants.id"), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("receipt", String(255)),
    Column("notes", JSONB, nullable=False),
    Column("status", String(20), nullable=False),
    Column("idempotency_key", String(255)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

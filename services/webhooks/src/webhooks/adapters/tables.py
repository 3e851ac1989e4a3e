"""The webhooks schema's tables (SQLAlchemy Core); alembic migrations create them."""

from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text, func
from sqlalchemy.dialects.postgresql import UUID

from paygate_shared.messaging.tables import messaging_tables

metadata = MetaData(schema="webhooks")

messaging = messaging_tables(metadata)

endpoints = Table(
    "endpoints",
    metadata,
    Column("merchant_id", UUID(as_uuid=False), primary_key=True),
    Column("url", Text),
    Column("secret_sealed", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

delivery_log = Table(
    "delivery_log",
    metadata,
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("merchant_id", UUID(as_uuid=False), nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("event", String(64), nullable=False),
    Column("payment_id", String(32)),
    Column("payload", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_attempt_at", DateTime(timezone=True)),
    Column("next_retry_at", DateTime(timezone=True)),
    Column("response_code", Integer),
    Column("response_body", Text),
    Column("correlation_id", String(64)),
    Column("job_id", String(64)),
    Column("claimed_until", DateTime(timezone=True)),
)

delivery_attempts = Table(
    "delivery_attempts",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("log_id", UUID(as_uuid=False), ForeignKey("webhooks.delivery_log.id"), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("attempted_at", DateTime(timezone=True), nullable=False),
    Column("url", Text),
    Column("response_code", Integer),
    Column("duration_ms", Integer, nullable=False),
    Column("error", Text),
    Column("response_body", Text),
)

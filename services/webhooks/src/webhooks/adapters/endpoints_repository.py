"""Merchants' webhook endpoints in PostgreSQL; signing secrets are sealed at rest."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert

from paygate_shared.secretbox import SecretBox
from webhooks.adapters.tables import endpoints
from webhooks.domain.endpoint import Endpoint

# read for every event and every attempt: built once
_BY_MERCHANT = select(endpoints).where(endpoints.c.merchant_id == bindparam("merchant_id"))


class EndpointsRepository(Protocol):
    def get(self, merchant_id: str) -> Endpoint | None: ...

    def add_if_absent(self, endpoint: Endpoint) -> Endpoint:
        """Store `endpoint` unless the merchant has one; return the one stored."""
        ...

    def save(self, endpoint: Endpoint) -> None: ...


class SqlEndpointsRepository:
    def __init__(self, conn: Connection, box: SecretBox) -> None:
        self._conn = conn
        self._box = box

    def _endpoint(self, row) -> Endpoint:
        return Endpoint(merchant_id=str(row.merchant_id), url=row.url, secret=self._box.open(row.secret_sealed))

    def get(self, merchant_id: str) -> Endpoint | None:
        row = self._conn.execute(_BY_MERCHANT, {"merchant_id": merchant_id}).first()
        return self._endpoint(row) if row is not None else None

    def add_if_absent(self, endpoint: Endpoint) -> Endpoint:
        self._conn.execute(
            insert(endpoints)
            .values(merchant_id=endpoint.merchant_id, url=endpoint.url, secret_sealed=self._box.seal(endpoint.secret))
            .on_conflict_do_nothing()
        )
        stored = self.get(endpoint.merchant_id)
        assert stored is not None  # inserted above, or already there
        return stored

    def save(self, endpoint: Endpoint) -> None:
        self._conn.execute(
            update(endpoints)
            .where(endpoints.c.merchant_id == endpoint.merchant_id)
            .values(url=endpoint.url, secret_sealed=self._box.seal(endpoint.secret), updated_at=func.now())
        )

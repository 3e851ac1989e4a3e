"""Merchants in PostgreSQL; API secrets are kept as a fingerprint (to check) and sealed (to show)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert
from werkzeug.security import check_password_hash, generate_password_hash

from gateway.adapters.tables import merchants
from gateway.domain.merchants import Credentials, Merchant
from paygate_shared.secretbox import SecretBox, fingerprint, same_secret

# compared against when no merchant has the key, so a miss costs what a hit costs
_ABSENT_FINGERPRINT = fingerprint("no-such-merchant")
#: how long a merchant found by its API key is trusted without asking the database again;
#: a deactivated merchant or a changed secret takes effect within this time
CREDENTIALS_TTL_S = 5.0
_MOST_REMEMBERED = 10_000


def _merchant(row) -> Merchant:
    return Merchant(
        id=str(row.id),
        name=row.name,
        email=row.email,
        api_key=row.api_key,
        is_active=row.is_active,
        created_at=row.created_at,
    )


@dataclass(frozen=True)
class _Remembered:
    merchant: Merchant
    secret_fingerprint: str
    until: float


class MerchantsRepository:
    def __init__(self, engine: Engine, box: SecretBox, *, credentials_ttl_s: float = CREDENTIALS_TTL_S) -> None:
        self._engine = engine
        self._box = box
        self._credentials_ttl_s = credentials_ttl_s
        self._by_api_key: dict[str, _Remembered] = {}

    def authenticate(self, api_key: str, api_secret: str) -> Merchant | None:
        """The active merchant holding both credentials; every API request asks, so a recent answer is reused."""
        remembered = self._by_api_key.get(api_key)
        if remembered is None or remembered.until < time.monotonic():
            remembered = self._look_up(api_key)
        stored = remembered.secret_fingerprint if remembered is not None else _ABSENT_FINGERPRINT
        matches = same_secret(api_secret, stored)
        if remembered is None or not matches or not remembered.merchant.is_active:
            return None
        return remembered.merchant

    def _look_up(self, api_key: str) -> _Remembered | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(merchants).where(merchants.c.api_key == api_key)).first()
        if row is None:
            self._by_api_key.pop(api_key, None)
            return None  # unknown keys are not remembered: a merchant created a moment later is found
        if len(self._by_api_key) >= _MOST_REMEMBERED:
            self._by_api_key.clear()
        found = _Remembered(_merchant(row), row.api_secret_fingerprint, time.monotonic() + self._credentials_ttl_s)
        self._by_api_key[api_key] = found
        return found

    def create(
        self,
        name: str,
        email: str,
        credentials: Credentials,
        *,
        merchant_id: str | None = None,
        password: str | None = None,
        if_absent: bool = False,
    ) -> Merchant | None:
        """Insert a merchant; with if_absent an existing id/email/key is left untouched (returns None)."""
        statement = insert(merchants).values(
            id=merchant_id or str(uuid.uuid4()),
            name=name,
            email=email.lower(),
            api_key=credentials.api_key,
            api_secret_fingerprint=fingerprint(credentials.api_secret),
            api_secret_sealed=self._box.seal(credentials.api_secret),
            password_hash=generate_password_hash(password) if password else None,
        )
        if if_absent:
            statement = statement.on_conflict_do_nothing()
        with self._engine.begin() as conn:
            row = conn.execute(statement.returning(*merchants.c)).first()
        return _merchant(row) if row is not None else None

    def get(self, merchant_id: str) -> Merchant | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(merchants).where(merchants.c.id == merchant_id)).first()
        return _merchant(row) if row is not None else None

    def find_by_email(self, email: str) -> Merchant | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(merchants).where(merchants.c.email == email.lower())).first()
        return _merchant(row) if row is not None else None

    def list(self) -> list[Merchant]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(merchants).order_by(merchants.c.created_at)).all()
        return [_merchant(r) for r in rows]

    def api_secret(self, merchant_id: str) -> str | None:
        with self._engine.connect() as conn:
            sealed = conn.execute(select(merchants.c.api_secret_sealed).where(merchants.c.id == merchant_id)).scalar()
        return self._box.open(sealed) if sealed else None

    def check_password(self, email: str, password: str) -> Merchant | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(merchants).where(merchants.c.email == email.lower())).first()
        if row is None or not row.password_hash or not check_password_hash(row.password_hash, password):
            return None
        return _merchant(row)

    def set_password(self, email: str, password: str) -> bool:
        with self._engine.begin() as conn:
            updated = conn.execute(
                merchants.update()
                .where(merchants.c.email == email.lower())
                .values(password_hash=generate_password_hash(password))
            ).rowcount
        return updated == 1

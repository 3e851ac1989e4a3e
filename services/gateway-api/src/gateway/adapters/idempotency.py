"""Idempotency keys in Redis: the fast path that replays a first response byte for byte.

One key per merchant and Idempotency-Key, holding the request's fingerprint and, once the
first request finished, its status and body. The owning service's command record in
PostgreSQL is the second line of defence when Redis has lost a key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import redis

TTL_S = 24 * 60 * 60
IN_FLIGHT_TTL_S = 60


@dataclass(frozen=True)
class Claim:
    outcome: str  # "new" | "replay" | "in_flight" | "mismatch"
    status: int | None = None
    body: bytes | None = None


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    try:
        canonical = json.dumps(json.loads(body or b"{}"), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + canonical).hexdigest()


class IdempotencyStore:
    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix

    def _key(self, merchant_id: str, key: str) -> str:
        return f"{self._prefix}idem:{merchant_id}:{hashlib.sha256(key.encode()).hexdigest()}"

    def claim(self, merchant_id: str, key: str, fingerprint: str) -> Claim:
        redis_key = self._key(merchant_id, key)
        marker = json.dumps({"state": "in_flight", "fingerprint": fingerprint})
        if self._redis.set(redis_key, marker, nx=True, ex=IN_FLIGHT_TTL_S):
            return Claim("new")
        raw = self._redis.get(redis_key)
        if raw is None:  # expired between the two calls; claim again
            return self.claim(merchant_id, key, fingerprint)
        stored = json.loads(raw)
        if stored["fingerprint"] != fingerprint:
            return Claim("mismatch")
        if stored["state"] == "in_flight":
            return Claim("in_flight")
        return Claim("replay", status=stored["status"], body=stored["body"].encode())

    def complete(self, merchant_id: str, key: str, fingerprint: str, status: int, body: bytes) -> None:
        record = {"state": "done", "fingerprint": fingerprint, "status": status, "body": body.decode()}
        self._redis.set(self._key(merchant_id, key), json.dumps(record), ex=TTL_S)

    def release(self, merchant_id: str, key: str) -> None:
        self._redis.delete(self._key(merchant_id, key))

"""Failed dashboard sign-ins counted in Redis, so a password cannot be found by guessing."""

from __future__ import annotations

import hashlib

import redis

MAX_FAILURES = 10
WINDOW_S = 15 * 60


class LoginThrottle:
    """Counts failures per email and client address; at the limit, sign-in is refused until the window ends."""

    def __init__(self, client: redis.Redis, prefix: str, max_failures: int = MAX_FAILURES, window_s: int = WINDOW_S):
        self._redis = client
        self._prefix = prefix
        self._max_failures = max_failures
        self._window_s = window_s

    def _key(self, email: str, address: str) -> str:
        digest = hashlib.sha256(f"{email.lower()}|{address}".encode()).hexdigest()
        return f"{self._prefix}login-failures:{digest}"

    def is_locked(self, email: str, address: str) -> bool:
        failures = self._redis.get(self._key(email, address))
        return failures is not None and int(failures) >= self._max_failures

    def record_failure(self, email: str, address: str) -> None:
        key = self._key(email, address)
        with self._redis.pipeline() as pipe:
            pipe.incr(key)
            # the window starts at the first failure and is not extended by later ones
            pipe.expire(key, self._window_s, nx=True)
            pipe.execute()

    def clear(self, email: str, address: str) -> None:
        self._redis.delete(self._key(email, address))

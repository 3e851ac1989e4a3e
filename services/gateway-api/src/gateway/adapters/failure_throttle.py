"""Failed attempts counted in Redis, so a password or an API secret cannot be found by guessing.

One throttle counts one kind of failure (dashboard sign-ins, API authentication) per
subject (an email and client address, a client address). The window starts at the first
failure and is not extended by later ones; at the limit the subject is refused until the
window ends.
"""

from __future__ import annotations

import hashlib

import redis


class FailureThrottle:
    def __init__(self, client: redis.Redis, prefix: str, kind: str, max_failures: int, window_s: int) -> None:
        self._redis = client
        self._prefix = prefix
        self._kind = kind
        self._max_failures = max_failures
        self._window_s = window_s

    def _key(self, subject: tuple[str, ...]) -> str:
        digest = hashlib.sha256("|".join(subject).encode()).hexdigest()
        return f"{self._prefix}{self._kind}:{digest}"

    def retry_after(self, *subject: str) -> int | None:
        """Seconds until the subject may try again, or None when it is not refused."""
        key = self._key(subject)
        failures = self._redis.get(key)  # every API request asks: one round trip unless the subject is refused
        if failures is None or int(failures) < self._max_failures:
            return None
        return max(int(self._redis.ttl(key)), 1)

    def is_locked(self, *subject: str) -> bool:
        return self.retry_after(*subject) is not None

    def record_failure(self, *subject: str) -> None:
        key = self._key(subject)
        with self._redis.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window_s, nx=True)
            pipe.execute()

    def clear(self, *subject: str) -> None:
        self._redis.delete(self._key(subject))

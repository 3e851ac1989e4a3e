"""Encryption at rest for secrets a service must be able to read back (API secrets, webhook secrets)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet

OPENED_KEPT = 1024  # secrets kept opened: one is read for every webhook attempt


class SecretBox:
    """Fernet encryption under a key derived from the deployment's PAYGATE_SECRET_KEY."""

    def __init__(self, secret_key: str) -> None:
        digest = hashlib.sha256(secret_key.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))
        # a sealed token always opens to the same secret (a new secret is sealed as a new token),
        # so the recently opened are kept rather than decrypted again
        self.open = lru_cache(maxsize=OPENED_KEPT)(self._open)

    def seal(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def _open(self, token: str) -> str:
        return self._fernet.decrypt(token.encode()).decode()


def fingerprint(secret: str) -> str:
    """A one-way digest used to look a secret up and compare it in constant time."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(candidate: str, stored_fingerprint: str) -> bool:
    return hmac.compare_digest(fingerprint(candidate), stored_fingerprint)

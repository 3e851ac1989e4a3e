"""Public identifiers: a prefix plus 16 characters of [A-Za-z0-9], drawn from `secrets`."""

from __future__ import annotations

import re
import secrets
import string

_ALPHABET = string.ascii_letters + string.digits
ID_LENGTH = 16


def new_id(prefix: str) -> str:
    """Return e.g. `pay_` + 16 random alphanumerics."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(ID_LENGTH))


def id_pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(prefix)}[A-Za-z0-9]{{{ID_LENGTH}}}$")


def is_valid_id(prefix: str, value: str) -> bool:
    return bool(id_pattern(prefix).match(value))

"""JSON log lines on stderr, with card data and secrets redacted before anything is written."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime

#: the correlation id of the request or message being handled, stamped on every log line
correlation_id_var: ContextVar[str | None] = ContextVar("correlation_id", default=None)


@contextlib.contextmanager
def correlation(correlation_id: str | None) -> Iterator[None]:
    """Stamp `correlation_id` on every log line written inside the block."""
    token = correlation_id_var.set(correlation_id)
    try:
        yield
    finally:
        correlation_id_var.reset(token)


_REDACTIONS = [
    (re.compile(r"\b(?:\d[ -]?){12,18}\d\b"), "[card]"),
    (re.compile(r"(?i)(cvv\"?\s*[:=]\s*\"?)\d{3,4}"), r"\1[redacted]"),
    (re.compile(r"(?i)((?:api[_-]?secret|x-api-secret|secret|password)\"?\s*[:=]\s*\"?)[^\s\",}]+"), r"\1[redacted]"),
    (re.compile(r"whsec_[A-Za-z0-9+/=_]+"), "whsec_[redacted]"),
    (re.compile(r"secret_[A-Za-z0-9_]+"), "secret_[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "level": record.levelname.lower(),
            "service": self._service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        correlation_id = getattr(record, "correlation_id", None) or correlation_id_var.get()
        if correlation_id:
            entry["correlation_id"] = correlation_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, ensure_ascii=False))


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("amqp", "kombu", "urllib3", "alembic.runtime.plugins"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

"""The one envelope every message travels in, and its JSON encoding (integers stay integers)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from paygate_shared.timefmt import iso, utcnow


def _new_message_id() -> str:
    return str(uuid.uuid4())


def _now() -> str:
    return iso(utcnow())


@dataclass(frozen=True)
class Envelope:
    type: str
    payload: Mapping[str, Any]
    message_id: str = field(default_factory=_new_message_id)
    occurred_at: str = field(default_factory=_now)
    correlation_id: str | None = None

    def to_json(self) -> bytes:
        return encode(
            {
                "message_id": self.message_id,
                "type": self.type,
                "occurred_at": self.occurred_at,
                "correlation_id": self.correlation_id,
                "payload": dict(self.payload),
            }
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> Envelope:
        data = decode(raw)
        if not isinstance(data, dict) or "type" not in data or "payload" not in data:
            raise ValueError("not a Paygate envelope")
        return cls(
            type=data["type"],
            payload=data["payload"],
            message_id=data.get("message_id") or _new_message_id(),
            occurred_at=data.get("occurred_at") or _now(),
            correlation_id=data.get("correlation_id"),
        )


def _reject_floats(value: str) -> Any:
    raise ValueError(f"floats are not allowed in messages (money is int paise): {value}")


def _refuse_floats(value: Any) -> None:
    if isinstance(value, float):
        _reject_floats(repr(value))
    elif isinstance(value, Mapping):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _refuse_floats(item)


def encode(data: Any) -> bytes:
    """JSON for the wire; a float anywhere is refused here, where the bug is, not by the receiver."""
    _refuse_floats(data)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def decode(raw: bytes | str) -> Any:
    return json.loads(raw, parse_float=_reject_floats, parse_constant=_reject_floats)

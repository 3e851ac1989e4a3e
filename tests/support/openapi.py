"""The API's operations as its OpenAPI document declares them, so security tests cover every endpoint there is."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")
_PARAMETER = re.compile(r"{(\w+)}")

#: a well-formed id nobody has, per path parameter: what "not found" looks like
UNKNOWN_IDS = {
    "order_id": "order_Zz0Zz0Zz0Zz0Zz0Z",
    "payment_id": "pay_Zz0Zz0Zz0Zz0Zz0Z",
    "refund_id": "rfnd_Zz0Zz0Zz0Zz0Zz0Z",
    "log_id": str(uuid.UUID(int=0x5EC)),
}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    secured: bool
    takes_body: bool = False

    @property
    def parameters(self) -> list[str]:
        return _PARAMETER.findall(self.path)

    def url(self, ids: Mapping[str, str] | None = None) -> str:
        """The path with each parameter set to the given id, or to an unknown one of the right shape."""
        ids = ids or {}
        return _PARAMETER.sub(lambda match: ids.get(match[1], UNKNOWN_IDS.get(match[1], "unknown")), self.path)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(spec: Mapping[str, Any]) -> list[Operation]:
    """Every operation; `secured` when it requires the merchant's API key and secret, `takes_body` when JSON in."""
    found = []
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                security = operation.get("security", spec.get("security")) or []
                secured = any("ApiKey" in requirement for requirement in security)
                found.append(Operation(method, path, secured, takes_body="requestBody" in operation))
    return found

"""Text the database cannot store: a NUL character anywhere in a request's query or JSON body is refused up front.

PostgreSQL keeps no NUL in text or JSON columns, and no field of the API has a use for one,
so such a request is a client's mistake (or a probe) answered with 400 before any service
sees it, instead of failing deep inside one.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request

from gateway.errors import bad_request

NUL = "\x00"
NUL_BYTE = b"\x00"
ESCAPED_IN_QUERY = b"%00"
ESCAPED_IN_JSON = b"\\u0000"


def contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(item) for item in value)
    return False


def may_hold_nul(raw: bytes, escaped: bytes) -> bool:
    """Whether raw query or JSON bytes can decode to a NUL: only a NUL byte or its escape can make one.

    Most requests hold neither, and this look at the bytes spares them walking the decoded values.
    """
    return NUL_BYTE in raw or escaped in raw


def install(app: Flask) -> None:
    @app.before_request
    def _refuse_nul_characters() -> None:
        query_nul = may_hold_nul(request.query_string, ESCAPED_IN_QUERY) and contains_nul(
            list(request.args.items(multi=True))
        )
        body_nul = (
            request.is_json
            and may_hold_nul(request.get_data(cache=True), ESCAPED_IN_JSON)
            and contains_nul(request.get_json(silent=True))
        )
        if query_nul or body_nul:
            raise bad_request("Text must not contain NUL characters")

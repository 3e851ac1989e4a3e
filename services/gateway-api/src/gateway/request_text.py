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


def contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(item) for item in value)
    return False


def install(app: Flask) -> None:
    @app.before_request
    def _refuse_nul_characters() -> None:
        query = list(request.args.items(multi=True))
        if contains_nul(query) or (request.is_json and contains_nul(request.get_json(silent=True))):
            raise bad_request("Text must not contain NUL characters")

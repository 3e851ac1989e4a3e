"""What a page may load, call and be framed by (Content-Security-Policy), and where it may post messages."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit


def content_security_policy(
    *,
    connect: Iterable[str] = (),
    scripts: Iterable[str] = (),
    frames: Iterable[str] = (),
    framed_by: str | None = None,
) -> str:
    """A policy allowing only this app's own files plus the given origins; card forms can never submit natively."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *scripts],
        "connect-src": ["'self'", *connect],
        "frame-src": ["'self'", *frames],
        "img-src": ["'self'", "data:"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        # Payment forms are sent by script straight to the API, never as a browser form submission.
        "form-action": ["'none'"],
        "frame-ancestors": [framed_by or "'none'"],
    }
    return "; ".join(f"{name} {' '.join(dict.fromkeys(sources))}" for name, sources in directives.items())


def exact_origin(value: str | None) -> str | None:
    """`value` when it is an http(s) origin exactly as a browser writes it (`https://shop.example:8443`), else None.

    postMessage needs the target's exact origin; anything looser (a path, a wildcard, a typo) is refused rather
    than guessed at, so the checkout page never posts payment results to a page it was not opened by.
    """
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.username or parts.password:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    default_port = {"http": 80, "https": 443}[parts.scheme]
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    origin = f"{parts.scheme}://{host}" + (f":{port}" if port not in (None, default_port) else "")
    return origin if origin == value else None

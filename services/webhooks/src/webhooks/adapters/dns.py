"""Host name resolution for webhook URLs (the system resolver)."""

from __future__ import annotations

import socket


def resolve_host(host: str) -> list[str]:
    """Every address `host` resolves to, in the resolver's order, without repeats; raises OSError."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0] for info in infos))

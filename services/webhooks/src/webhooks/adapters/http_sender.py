"""POSTs a webhook to a merchant's server: checked address, pinned connection, 5 s budget, no redirects."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import urllib3
from urllib3.connectionpool import HTTPConnectionPool
from urllib3.exceptions import HTTPError, NewConnectionError, ProtocolError, SSLError
from urllib3.exceptions import TimeoutError as RequestTimeout

from webhooks.domain.delivery_log import truncate_body
from webhooks.domain.url_policy import UrlGuard, UrlRefused, WebhookUrl, parse_webhook_url

DELIVERY_TIMEOUT_S = 5.0
_READ_CHUNK = 4096
KEPT_ADDRESSES = 256  # endpoints' checked addresses whose idle connections are kept open
KEPT_PER_ADDRESS = 16  # idle connections kept to one of them

PoolKey = tuple[str, str, int, str]  # scheme, checked address, port, host name


@dataclass(frozen=True)
class SendResult:
    response_code: int | None
    response_body: str | None
    error: str | None
    duration_ms: int
    timed_out: bool = False

    @property
    def response_class(self) -> str:
        """2xx, 3xx, 4xx, 5xx, timeout or error: how the attempt ended, for metrics."""
        if self.response_code is not None:
            return f"{self.response_code // 100}xx"
        return "timeout" if self.timed_out else "error"


class WebhookSender(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
        """Send one attempt; never raises for what the merchant's side does (that is the result)."""
        ...

    def close(self) -> None:
        """Let go of whatever connections are kept for the next attempts."""
        ...


class HttpSender:
    """Resolves and checks the URL's host, then connects to exactly the address that was checked.

    Pinning the connection to the checked address closes the DNS-rebinding gap between the
    check and the request; TLS still verifies the certificate against the URL's host name.
    """

    def __init__(
        self, guard: UrlGuard, timeout_s: float = DELIVERY_TIMEOUT_S, kept_per_address: int = KEPT_PER_ADDRESS
    ) -> None:
        self._guard = guard
        self._timeout_s = timeout_s
        self._kept_per_address = kept_per_address
        self._pools = _PoolCache(KEPT_ADDRESSES)

    def close(self) -> None:
        """Close every kept connection."""
        self._pools.clear()

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
        started = time.monotonic()
        code, text, error, timed_out = None, None, None, False
        try:
            target = parse_webhook_url(url)
            code, text = self._post_to_first_reachable(target, self._guard.addresses(target), body, headers, started)
        except UrlRefused as exc:
            error = f"refused: {exc}"
        except NewConnectionError as exc:  # a subclass of the timeouts: keep it first
            error = "connection failed: " + str(exc).rsplit("new connection: ", 1)[-1]
        except (RequestTimeout, TimeoutError):
            error, timed_out = f"timed out after {self._timeout_s:g}s", True
        except SSLError as exc:
            error = f"TLS error: {exc}"
        except (HTTPError, OSError) as exc:
            error = f"request failed: {exc.__class__.__name__}"
        duration_ms = int((time.monotonic() - started) * 1000)
        return SendResult(code, text, error, duration_ms, timed_out)

    def _post_to_first_reachable(
        self, target: WebhookUrl, addresses: list[str], body: bytes, headers: dict[str, str], started: float
    ) -> tuple[int, str]:
        for address in addresses[:-1]:
            with contextlib.suppress(NewConnectionError):
                return self._post(target, address, body, headers, started)
        return self._post(target, addresses[-1], body, headers, started)

    def _post(
        self, target: WebhookUrl, address: str, body: bytes, headers: dict[str, str], started: float
    ) -> tuple[int, str]:
        """POST over a kept connection to the checked address, or a new one.

        A kept connection that the server closed while it sat idle is only found out when
        the request fails on it; the request is then sent once more on a new connection.
        A server that took the first copy in before failing sees it twice, which webhooks
        allow for (the same webhook-id).
        """
        pool = self._pools.get((target.scheme, address, target.port, target.host), lambda: self._pool(target, address))
        try:
            return self._send(pool, target, body, headers, started)
        except ProtocolError:
            return self._send(pool, target, body, headers, started)

    def _send(
        self, pool: HTTPConnectionPool, target: WebhookUrl, body: bytes, headers: dict[str, str], started: float
    ) -> tuple[int, str]:
        remaining = max(0.1, self._timeout_s - (time.monotonic() - started))
        response = pool.urlopen(
            "POST",
            target.target,
            body=body,
            headers={**headers, "Host": _host_header(target), "User-Agent": "Paygate-Webhooks/1.0"},
            redirect=False,
            assert_same_host=False,
            preload_content=False,
            release_conn=False,
            timeout=urllib3.Timeout(total=remaining),
        )
        read_whole = False
        try:
            raw = response.read(_READ_CHUNK, decode_content=False)
            read_whole = response.length_remaining == 0
        finally:
            # a connection is kept only when nothing of this answer is left unread on it
            if read_whole:
                response.release_conn()
            else:
                response.close()
        return response.status, truncate_body(raw.decode("utf-8", errors="replace"))

    def _pool(self, target: WebhookUrl, address: str) -> HTTPConnectionPool:
        options = {"retries": False, "maxsize": self._kept_per_address, "block": False}
        if target.scheme == "https":
            return urllib3.HTTPSConnectionPool(
                address,
                target.port,
                cert_reqs="CERT_REQUIRED",
                server_hostname=target.host,
                assert_hostname=target.host,
                **options,
            )
        return urllib3.HTTPConnectionPool(address, target.port, **options)


class _PoolCache:
    """Connection pools by checked address, the least recently used closed when there are too many."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._pools: OrderedDict[PoolKey, HTTPConnectionPool] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: PoolKey, make: Callable[[], HTTPConnectionPool]) -> HTTPConnectionPool:
        evicted = []
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                pool = self._pools[key] = make()
                while len(self._pools) > self._capacity:
                    evicted.append(self._pools.popitem(last=False)[1])
            else:
                self._pools.move_to_end(key)
        for old in evicted:  # a connection still at work in one is closed when it comes back
            old.close()
        return pool

    def clear(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            pool.close()


def _host_header(target: WebhookUrl) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default_port = 443 if target.scheme == "https" else 80
    return host if target.port == default_port else f"{host}:{target.port}"

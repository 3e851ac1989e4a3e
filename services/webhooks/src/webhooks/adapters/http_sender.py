"""POSTs a webhook to a merchant's server: checked address, pinned connection, 5 s budget, no redirects."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Protocol

import urllib3
from urllib3.exceptions import HTTPError, NewConnectionError, SSLError
from urllib3.exceptions import TimeoutError as RequestTimeout

from webhooks.domain.delivery_log import truncate_body
from webhooks.domain.url_policy import UrlGuard, UrlRefused, WebhookUrl, parse_webhook_url

DELIVERY_TIMEOUT_S = 5.0
_READ_CHUNK = 4096


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


class HttpSender:
    """Resolves and checks the URL's host, then connects to exactly the address that was checked.

    Pinning the connection to the checked address closes the DNS-rebinding gap between the
    check and the request; TLS still verifies the certificate against the URL's host name.
    """

    def __init__(self, guard: UrlGuard, timeout_s: float = DELIVERY_TIMEOUT_S) -> None:
        self._guard = guard
        self._timeout_s = timeout_s

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
        remaining = max(0.1, self._timeout_s - (time.monotonic() - started))
        options = {"timeout": urllib3.Timeout(total=remaining), "retries": False, "maxsize": 1}
        if target.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                address,
                target.port,
                cert_reqs="CERT_REQUIRED",
                server_hostname=target.host,
                assert_hostname=target.host,
                **options,
            )
        else:
            pool = urllib3.HTTPConnectionPool(address, target.port, **options)
        with pool:
            response = pool.urlopen(
                "POST",
                target.target,
                body=body,
                headers={**headers, "Host": _host_header(target), "User-Agent": "Paygate-Webhooks/1.0"},
                redirect=False,
                assert_same_host=False,
                preload_content=False,
            )
            try:
                raw = response.read(_READ_CHUNK, decode_content=False)
            finally:
                response.close()
        return response.status, truncate_body(raw.decode("utf-8", errors="replace"))


def _host_header(target: WebhookUrl) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default_port = 443 if target.scheme == "https" else 80
    return host if target.port == default_port else f"{host}:{target.port}"

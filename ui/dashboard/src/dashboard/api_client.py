"""The dashboard's only door to the gateway: server-side calls made as the signed-in merchant.

Every failure becomes a GatewayError carrying a sentence fit to show the merchant; a 401
becomes SignedOut, because the credentials in the session no longer open the API.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter

UNREACHABLE = "The Paygate API cannot be reached right now. Try again in a moment."
TOO_SLOW = "The Paygate API took too long to answer. Try again in a moment."
UNAVAILABLE = "A Paygate service is unavailable right now. Try again in a moment."
SESSION_ENDED = "Your session has ended. Please sign in again."
WRONG_SIGN_IN = "Invalid email or password."
PAGE_LIMIT = 100  # the API's largest page


class GatewayError(Exception):
    """The gateway did not do what was asked; `message` says so in plain words."""

    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code

    @property
    def page_status(self) -> int:
        """The HTTP status of a dashboard page that could not get its data."""
        if self.status is None or self.status == 503:
            return 503
        return 502 if self.status >= 500 else self.status


class SignedOut(GatewayError):
    """The gateway refused the session's credentials (401)."""


@dataclass(frozen=True)
class ApiCredentials:
    api_key: str
    api_secret: str


@dataclass(frozen=True)
class Page:
    """One page of a list endpoint: {"data", "total", "limit", "offset"}."""

    data: list[dict]
    total: int
    limit: int
    offset: int

    @classmethod
    def from_api(cls, body: dict) -> Page:
        return cls(data=body["data"], total=body["total"], limit=body["limit"], offset=body["offset"])


def every_item(fetch_page: Callable[[int, int], Page], cap: int) -> tuple[list[dict], int]:
    """Walk a list endpoint page by page (up to `cap` items): its items, newest first, and its total."""
    seen: dict[str, dict] = {}
    offset, total = 0, None
    while offset < cap:
        page = fetch_page(PAGE_LIMIT, offset)
        total = page.total if total is None else total
        # an item created meanwhile shifts the pages, so the same one may come twice
        seen.update((item["id"], item) for item in page.data)
        if len(page.data) < PAGE_LIMIT:
            break
        offset += PAGE_LIMIT
    return list(seen.values()), total or 0


class GatewayClient:
    def __init__(
        self,
        base_url: str,
        timeout_s: float,
        credentials: ApiCredentials | None = None,
        http: requests.Session | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout_s = timeout_s
        self._credentials = credentials
        self._http = http or _pooled_session()

    def acting_as(self, credentials: ApiCredentials) -> GatewayClient:
        """The same client, calling as the merchant these credentials belong to."""
        return GatewayClient(self._base_url, self._timeout_s, credentials, self._http)

    # sign-in

    def sign_in(self, email: str, password: str) -> dict:
        """{merchant_id, name, email, api_key, api_secret} for a right email and password."""
        try:
            return self._call("POST", "/api/v1/dashboard/session", json={"email": email, "password": password})
        except SignedOut as exc:
            raise GatewayError(WRONG_SIGN_IN, exc.status, exc.code) from exc

    # payments

    def list_payments(
        self, *, limit: int = 10, offset: int = 0, status: str | None = None, method: str | None = None
    ) -> Page:
        query = {"limit": limit, "offset": offset, "status": status, "method": method}
        return Page.from_api(self._call("GET", "/api/v1/payments", params=query))

    def get_payment(self, payment_id: str) -> dict:
        return self._call("GET", f"/api/v1/payments/{payment_id}")

    def capture_payment(self, payment_id: str) -> dict:
        return self._call("POST", f"/api/v1/payments/{payment_id}/capture", json={})

    # refunds

    def list_refunds(self, *, limit: int = 10, offset: int = 0, payment_id: str | None = None) -> Page:
        query = {"limit": limit, "offset": offset, "payment_id": payment_id}
        return Page.from_api(self._call("GET", "/api/v1/refunds", params=query))

    def create_refund(self, payment_id: str, amount: int, reason: str | None, idempotency_key: str | None) -> dict:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        body = {"amount": amount, "reason": reason} if reason else {"amount": amount}
        return self._call("POST", f"/api/v1/payments/{payment_id}/refunds", json=body, headers=headers)

    # webhooks

    def webhook_config(self) -> dict:
        return self._call("GET", "/api/v1/webhooks/config")

    def save_webhook_url(self, url: str | None) -> dict:
        return self._call("PUT", "/api/v1/webhooks/config", json={"webhook_url": url})

    def regenerate_webhook_secret(self) -> dict:
        return self._call("POST", "/api/v1/webhooks/config/regenerate-secret", json={})

    def send_test_webhook(self) -> dict:
        return self._call("POST", "/api/v1/webhooks/test", json={})

    def list_webhook_deliveries(self, *, limit: int = 10, offset: int = 0, payment_id: str | None = None) -> Page:
        query = {"limit": limit, "offset": offset, "payment_id": payment_id}
        return Page.from_api(self._call("GET", "/api/v1/webhooks", params=query))

    def get_webhook_delivery(self, webhook_id: str) -> dict:
        return self._call("GET", f"/api/v1/webhooks/{webhook_id}")

    def retry_webhook(self, webhook_id: str) -> dict:
        return self._call("POST", f"/api/v1/webhooks/{webhook_id}/retry", json={})

    # transport

    def _call(self, method: str, path: str, *, params=None, json=None, headers=None) -> Any:
        sent_headers = dict(headers or {})
        if self._credentials is not None:
            sent_headers["X-Api-Key"] = self._credentials.api_key
            sent_headers["X-Api-Secret"] = self._credentials.api_secret
        query = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            response = self._http.request(
                method,
                self._base_url + path,
                params=query,
                json=json,
                headers=sent_headers,
                timeout=self._timeout_s,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise GatewayError(TOO_SLOW) from exc
        except requests.RequestException as exc:
            raise GatewayError(UNREACHABLE) from exc
        if response.ok:
            return _json(response)
        raise _error(response)


def _pooled_session() -> requests.Session:
    session = requests.Session()
    session.mount("http://", HTTPAdapter(pool_maxsize=32))
    session.mount("https://", HTTPAdapter(pool_maxsize=32))
    return session


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise GatewayError(f"The Paygate API answered something unexpected (HTTP {response.status_code}).") from exc


def _error(response: requests.Response) -> GatewayError:
    """Turn an error answer into a sentence: the API's own description when it gives one."""
    try:
        error = response.json()["error"]
        code, description = error["code"], error["description"]
    except (ValueError, KeyError, TypeError):
        code, description = None, None
    status = response.status_code
    if status == 401:
        return SignedOut(SESSION_ENDED, status, code)
    if status == 503:
        return GatewayError(UNAVAILABLE, status, code)
    if status >= 500 or not description:
        return GatewayError(f"The Paygate API had a problem (HTTP {status}). Try again in a moment.", status, code)
    return GatewayError(description, status, code)

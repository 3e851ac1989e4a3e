"""The Paygate API as this server calls it: an order's public summary, and the demo merchant's orders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import requests

TIMEOUT_SECONDS = 5


class OrderNotFound(Exception):
    """The API knows no such order."""


class GatewayUnavailable(Exception):
    """The API could not be reached or did not answer as its contract says."""


@dataclass(frozen=True)
class PublicOrder:
    id: str
    amount: int
    currency: str
    status: str


class Gateway(Protocol):
    def public_order(self, order_id: str) -> PublicOrder: ...

    def create_order(self, key: str, secret: str, amount: int, receipt: str) -> PublicOrder: ...


class GatewayClient:
    """Talks HTTP to the gateway API with a short deadline; one instance per app, safe across threads."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url

    def public_order(self, order_id: str) -> PublicOrder:
        response = self._call("GET", f"/api/v1/orders/{order_id}/public")
        if response.status_code == 404:
            raise OrderNotFound(order_id)
        return self._order(response, expected=200)

    def create_order(self, key: str, secret: str, amount: int, receipt: str) -> PublicOrder:
        response = self._call(
            "POST",
            "/api/v1/orders",
            json={"amount": amount, "receipt": receipt},
            headers={"X-Api-Key": key, "X-Api-Secret": secret},
        )
        return self._order(response, expected=201)

    def _call(self, method: str, path: str, **kwargs) -> requests.Response:
        try:
            return requests.request(method, self._base_url + path, timeout=TIMEOUT_SECONDS, **kwargs)
        except requests.RequestException as exc:
            raise GatewayUnavailable(f"{method} {path}: {type(exc).__name__}") from exc

    @staticmethod
    def _order(response: requests.Response, expected: int) -> PublicOrder:
        if response.status_code != expected:
            raise GatewayUnavailable(f"expected HTTP {expected} from the API, got {response.status_code}")
        try:
            body = response.json()
            order = PublicOrder(id=body["id"], amount=body["amount"], currency=body["currency"], status=body["status"])
        except (ValueError, KeyError, TypeError) as exc:
            raise GatewayUnavailable("the API answered with an unexpected body") from exc
        if not isinstance(order.amount, int) or isinstance(order.amount, bool):
            raise GatewayUnavailable(f"the API answered an amount that is not int paise: {order.amount!r}")
        return order

"""A hand-written stand-in for the gateway client: the API's answers kept in lists, no network."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from dashboard.api_client import ApiCredentials, GatewayError, Page, SignedOut

TEST_SIGN_IN = {
    "merchant_id": "550e8400-e29b-41d4-a716-446655440000",
    "name": "Test Merchant",
    "email": "test@example.com",
    "api_key": "key_test_abc123",
    "api_secret": "secret_test_xyz789",
}


def payment(number: int, status: str = "success", amount: int = 50000, method: str = "upi", **extra) -> dict:
    return {
        "id": f"pay_{number:016d}",
        "order_id": f"order_{number:016d}",
        "amount": amount,
        "currency": "INR",
        "method": method,
        "vpa": "shopper@upi" if method == "upi" else None,
        "status": status,
        "captured": False,
        "amount_refunded": 0,
        "created_at": "2024-01-15T10:31:00Z",
        "updated_at": "2024-01-15T10:31:05Z",
        **extra,
    }


def refund(number: int, payment_id: str, amount: int, status: str = "pending") -> dict:
    return {
        "id": f"rfnd_{number:016d}",
        "payment_id": payment_id,
        "amount": amount,
        "reason": None,
        "status": status,
        "created_at": "2024-01-15T11:00:00Z",
        "processed_at": "2024-01-15T11:00:04Z" if status == "processed" else None,
    }


def delivery(event: str = "payment.success", status: str = "success", attempts: int = 1, **extra) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "event": event,
        "status": status,
        "attempts": attempts,
        "created_at": "2024-01-15T10:31:00Z",
        "last_attempt_at": "2024-01-15T10:31:01Z",
        "next_retry_at": None,
        "response_code": 200,
        "response_body": "ok",
        **extra,
    }


def _page(items: list[dict], limit: int, offset: int) -> Page:
    return Page(data=items[offset : offset + limit], total=len(items), limit=limit, offset=offset)


@dataclass
class FakeGateway:
    """The gateway as the dashboard sees it; `failure`, when set, is raised by every call."""

    payments: list[dict] = field(default_factory=list)  # newest first, as the API lists them
    refunds: list[dict] = field(default_factory=list)
    deliveries: list[dict] = field(default_factory=list)
    config: dict = field(default_factory=lambda: {"webhook_url": None, "webhook_secret": "whsec_test_abc123"})
    passwords: dict[str, str] = field(default_factory=lambda: {"test@example.com": "any"})
    failure: GatewayError | None = None
    acting_for: ApiCredentials | None = None
    sent_tests: int = 0
    retried: list[str] = field(default_factory=list)
    idempotency_keys: list[str | None] = field(default_factory=list)

    def _check(self) -> None:
        if self.failure is not None:
            raise self.failure

    def acting_as(self, credentials: ApiCredentials) -> FakeGateway:
        self.acting_for = credentials
        return self

    def sign_in(self, email: str, password: str) -> dict:
        self._check()
        if self.passwords.get(email) not in (password, "any"):
            raise GatewayError("Invalid email or password.", 401, "AUTHENTICATION_ERROR")
        return TEST_SIGN_IN

    def list_payments(self, *, limit=10, offset=0, status=None, method=None) -> Page:
        self._check()
        chosen = [p for p in self.payments if status in (None, p["status"]) and method in (None, p["method"])]
        return _page(chosen, limit, offset)

    def get_payment(self, payment_id: str) -> dict:
        self._check()
        for candidate in self.payments:
            if candidate["id"] == payment_id:
                return candidate
        raise GatewayError("Payment not found", 404, "NOT_FOUND_ERROR")

    def capture_payment(self, payment_id: str) -> dict:
        found = self.get_payment(payment_id)
        if found["status"] != "success":
            raise GatewayError("Payment not in capturable state", 400, "BAD_REQUEST_ERROR")
        found["captured"] = True
        return found

    def list_refunds(self, *, limit=10, offset=0, payment_id=None) -> Page:
        self._check()
        return _page([r for r in self.refunds if payment_id in (None, r["payment_id"])], limit, offset)

    def create_refund(self, payment_id: str, amount: int, reason, idempotency_key) -> dict:
        found = self.get_payment(payment_id)
        taken = sum(r["amount"] for r in self.refunds if r["payment_id"] == payment_id)
        if amount > found["amount"] - taken:
            raise GatewayError("Refund amount exceeds available amount", 400, "BAD_REQUEST_ERROR")
        created = {**refund(len(self.refunds) + 1, payment_id, amount), "reason": reason}
        self.refunds.insert(0, created)
        self.idempotency_keys.append(idempotency_key)
        return created

    def webhook_config(self) -> dict:
        self._check()
        return dict(self.config)

    def save_webhook_url(self, url) -> dict:
        self._check()
        if url is not None and not url.startswith(("http://", "https://")):
            raise GatewayError("webhook_url must be an http or https URL", 400, "BAD_REQUEST_ERROR")
        self.config["webhook_url"] = url
        return dict(self.config)

    def regenerate_webhook_secret(self) -> dict:
        self._check()
        self.config["webhook_secret"] = f"whsec_{uuid.uuid4().hex}"
        return dict(self.config)

    def send_test_webhook(self) -> dict:
        self._check()
        if not self.config["webhook_url"]:
            raise GatewayError("No webhook URL is configured", 400, "BAD_REQUEST_ERROR")
        self.sent_tests += 1
        entry = delivery("webhook.test", "pending", 0)
        self.deliveries.insert(0, entry)
        return entry

    def list_webhook_deliveries(self, *, limit=10, offset=0, payment_id=None) -> Page:
        self._check()
        return _page([d for d in self.deliveries if payment_id in (None, d.get("payment_id"))], limit, offset)

    def get_webhook_delivery(self, webhook_id: str) -> dict:
        self._check()
        for entry in self.deliveries:
            if entry["id"] == webhook_id:
                return entry
        raise GatewayError("Webhook log entry not found", 404, "NOT_FOUND_ERROR")

    def retry_webhook(self, webhook_id: str) -> dict:
        entry = self.get_webhook_delivery(webhook_id)
        self.retried.append(webhook_id)
        return {"id": entry["id"], "status": "pending", "message": "Webhook retry scheduled"}


def signed_out() -> SignedOut:
    return SignedOut("Your session has ended. Please sign in again.", 401, "AUTHENTICATION_ERROR")

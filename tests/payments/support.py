"""Helpers for payment tests: orders, payment bodies, waiting for an outcome."""

from __future__ import annotations

from tests.support.waiting import eventually

CARD = {
    "number": "4111111111111111",
    "expiry_month": "12",
    "expiry_year": "2030",
    "cvv": "123",
    "holder_name": "Asha Rao",
}


def new_order(api, amount: int = 50000) -> dict:
    response = api.post("/api/v1/orders", json={"amount": amount})
    assert response.status_code == 201, response.text
    return response.json()


def upi_body(order_id: str, vpa: str = "shopper@okicici") -> dict:
    return {"order_id": order_id, "method": "upi", "vpa": vpa}


def card_body(order_id: str, **card) -> dict:
    return {"order_id": order_id, "method": "card", "card": {**CARD, **card}}


def pay(api, amount: int = 50000, **headers) -> dict:
    order = new_order(api, amount)
    response = api.post("/api/v1/payments", json=upi_body(order["id"]), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def wait_final(api, payment_id: str, timeout: float = 20) -> dict:
    def final():
        payment = api.get(f"/api/v1/payments/{payment_id}").json()
        return payment if payment.get("status") in ("success", "failed") else None

    return eventually(final, timeout=timeout, what=f"payment {payment_id} final")


def successful_payment(api, amount: int = 50000) -> dict:
    payment = wait_final(api, pay(api, amount)["id"])
    assert payment["status"] == "success"
    return payment

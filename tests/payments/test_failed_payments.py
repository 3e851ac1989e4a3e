"""With TEST_PAYMENT_SUCCESS=false every payment fails, with the contract's error fields."""

from __future__ import annotations

from tests.payments.support import card_body, new_order, upi_body, wait_final

STACK_ENV = {"TEST_PAYMENT_SUCCESS": "false", "TEST_PROCESSING_DELAY": "200"}


def test_payments_fail_with_the_error_code_and_description(separate_stack):
    api = separate_stack.session()
    order = new_order(api)

    for body in (upi_body(order["id"]), card_body(order["id"])):
        created = api.post("/api/v1/payments", json=body).json()
        failed = wait_final(api, created["id"])
        assert failed["status"] == "failed"
        assert failed["error_code"] == "PAYMENT_FAILED"
        assert failed["error_description"] == "Payment processing failed"


def test_a_failed_payment_cannot_be_captured(separate_stack):
    api = separate_stack.session()
    payment = api.post("/api/v1/payments", json=upi_body(new_order(api)["id"])).json()
    wait_final(api, payment["id"])

    response = api.post(f"/api/v1/payments/{payment['id']}/capture", json={})

    assert response.status_code == 400
    assert response.json()["error"]["description"] == "Payment not in capturable state"

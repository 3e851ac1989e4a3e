"""With TEST_PAYMENT_SUCCESS=false every payment fails, and a failed payment cannot be refunded."""

from __future__ import annotations

from tests.payments.support import pay, wait_final
from tests.refunds.support import refund

STACK_ENV = {"TEST_PAYMENT_SUCCESS": "false", "TEST_PROCESSING_DELAY": "200"}


def test_a_failed_payment_is_not_refundable_and_nothing_is_refunded(separate_stack):
    api = separate_stack.session()
    payment = pay(api, 20000)
    assert wait_final(api, payment["id"])["status"] == "failed"

    response = refund(api, payment["id"], 20000)

    assert response.status_code == 400
    assert response.json()["error"] == {"code": "BAD_REQUEST_ERROR", "description": "Payment not in refundable state"}
    assert api.get(f"/api/v1/payments/{payment['id']}/refunds").json()["total"] == 0
    assert api.get(f"/api/v1/payments/{payment['id']}").json()["amount_refunded"] == 0

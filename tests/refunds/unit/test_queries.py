"""get_refund and list_refunds with fakes: only the merchant's own, newest first."""

from __future__ import annotations

import pytest

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from tests.refunds.unit.conftest import MERCHANT, OTHER_MERCHANT, PAYMENT


def test_a_refund_is_read_back_by_its_merchant_only(refunds):
    refund = refunds.create(100)

    got = refunds.send(Envelope(type="get_refund", payload={"merchant_id": MERCHANT, "refund_id": refund["id"]}))

    assert got == refund
    with pytest.raises(CommandRejected) as rejected:
        refunds.send(Envelope(type="get_refund", payload={"merchant_id": OTHER_MERCHANT, "refund_id": refund["id"]}))
    assert (rejected.value.status, rejected.value.description) == (404, "Refund not found")


def test_refunds_are_listed_newest_first_and_filtered_by_payment(refunds):
    refunds.pay(payment_id="pay_BBBBBBBBBBBBBBBB")
    older = refunds.create(100)
    refunds.clock.advance(1)
    newer = refunds.create(200)
    refunds.clock.advance(1)
    refunds.create(300, payment_id="pay_BBBBBBBBBBBBBBBB")

    page = refunds.send(
        Envelope(type="list_refunds", payload={"merchant_id": MERCHANT, "payment_id": PAYMENT, "limit": 10})
    )

    assert [r["id"] for r in page["data"]] == [newer["id"], older["id"]]
    assert (page["total"], page["limit"], page["offset"]) == (2, 10, 0)

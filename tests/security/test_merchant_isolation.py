"""One merchant never reads or changes another's orders, payments, refunds, webhook log or webhook config.

The owner has one of everything; an intruder calls every merchant endpoint the OpenAPI
document lists with the owner's ids. Each answer must be the 404 the intruder gets for an
id nobody has, no list of the intruder's may mention the owner's ids, and afterwards the
owner's things are as they were.
"""

from __future__ import annotations

import uuid

import pytest

from tests.payments.support import card_body, new_order, wait_final
from tests.refunds.support import create_refund, wait_processed
from tests.support.waiting import eventually
from tests.webhooks.receiver import Receiver

AMOUNT = 30_000
#: a valid body where an operation takes one, so the answer is about the id and not about the body
BODIES = {
    "POST /api/v1/payments/{payment_id}/capture": {"amount": AMOUNT},
    "POST /api/v1/payments/{payment_id}/refunds": {"amount": 100, "reason": "not mine"},
}


@pytest.fixture(scope="module")
def owner(stack):
    """A merchant with an order, a successful payment, a processed refund and a delivered webhook."""
    suffix = uuid.uuid4().hex[:8]
    created = stack.create_merchant(f"Owner {suffix}", f"owner-{suffix}@example.com")
    api = stack.session(headers={"X-Api-Key": created["api_key"], "X-Api-Secret": created["api_secret"]})
    with Receiver() as receiver:
        assert api.put("/api/v1/webhooks/config", json={"webhook_url": receiver.url}).status_code == 200
        order = new_order(api, AMOUNT)
        payment = api.post("/api/v1/payments", json=card_body(order["id"])).json()
        assert wait_final(api, payment["id"])["status"] == "success"
        refund = wait_processed(api, create_refund(api, payment["id"], 1_000)["id"])
        eventually(lambda: api.get("/api/v1/webhooks").json()["total"] >= 5, what="the owner's webhooks logged")
        log_id = api.get("/api/v1/webhooks").json()["data"][0]["id"]
        yield {
            "api": api,
            "ids": {"order_id": order["id"], "payment_id": payment["id"], "refund_id": refund["id"], "log_id": log_id},
        }


@pytest.fixture
def intruder(new_merchant):
    return new_merchant()[1]


def owners_view(owner) -> dict:
    api, ids = owner["api"], owner["ids"]
    return {
        "order": api.get(f"/api/v1/orders/{ids['order_id']}").json(),
        "payment": api.get(f"/api/v1/payments/{ids['payment_id']}").json(),
        "refunds": api.get(f"/api/v1/payments/{ids['payment_id']}/refunds").json(),
        "log entry": api.get(f"/api/v1/webhooks/{ids['log_id']}").json(),
        "config": api.get("/api/v1/webhooks/config").json(),
    }


def test_the_owners_ids_answer_the_intruder_exactly_as_ids_nobody_has(api_operations, owner, intruder):
    differences, found = {}, {}
    for operation in (op for op in api_operations if op.secured and op.parameters):
        body = BODIES.get(str(operation), {})
        theirs = intruder.request(operation.method, operation.url(owner["ids"]), json=body)
        nobodys = intruder.request(operation.method, operation.url(), json=body)
        if (theirs.status_code, theirs.json()) != (nobodys.status_code, nobodys.json()):
            differences[str(operation)] = (theirs.status_code, theirs.text[:200])
        if theirs.status_code != 404:
            found[str(operation)] = (theirs.status_code, theirs.text[:200])

    assert not differences
    assert not found


def test_no_list_of_the_intruder_mentions_the_owners_ids(api_operations, owner, intruder):
    ids = owner["ids"]
    filters = {"limit": 100, "payment_id": ids["payment_id"], "order_id": ids["order_id"]}
    leaks = {}
    for operation in (op for op in api_operations if op.secured and op.method == "get" and not op.parameters):
        for params in ({"limit": 100}, filters):
            text = intruder.get(operation.url(), params=params).text
            leaks.update({f"{operation} {params}": key for key, value in ids.items() if value in text})

    assert not leaks


def test_nothing_the_intruder_sends_changes_the_owners_things(api_operations, owner, intruder):
    before = owners_view(owner)
    for operation in (op for op in api_operations if op.secured and op.method != "get"):
        intruder.request(operation.method, operation.url(owner["ids"]), json=BODIES.get(str(operation), {}))
    intruder.put("/api/v1/webhooks/config", json={"webhook_url": None})

    assert owners_view(owner) == before

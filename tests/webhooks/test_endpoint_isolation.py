"""A merchant whose server hangs holds a few delivery threads at most; other merchants' webhooks go straight out."""

from __future__ import annotations

from tests.support.waiting import eventually
from tests.webhooks.receiver import Receiver
from webhooks.config import DEFAULT_ENDPOINT_CONCURRENCY, DEFAULT_HANDLER_THREADS

#: more than the whole delivery pool, so without a per-endpoint limit the hanging server would take every thread
HANGING_DELIVERIES = DEFAULT_HANDLER_THREADS + 4


def test_a_hanging_receiver_of_one_merchant_does_not_hold_up_another_merchants_webhooks(new_merchant):
    slow, quick = new_merchant(), new_merchant()
    with Receiver(hold=True) as hanging, Receiver() as answering:
        slow.point_webhooks_at(hanging.url)
        quick.point_webhooks_at(answering.url)
        for _ in range(HANGING_DELIVERIES):
            assert slow.api.post("/api/v1/webhooks/test").status_code == 202
        eventually(lambda: hanging.in_flight >= DEFAULT_ENDPOINT_CONCURRENCY, what="the slow server to hang")

        assert quick.api.post("/api/v1/webhooks/test").status_code == 202
        eventually(lambda: answering.received, what="the other merchant's webhook")
        most_hanging_meanwhile = hanging.most_in_flight
        slow_attempts = [entry["attempts"] for entry in slow.log()]

    # every slow delivery is still waiting on its first attempt: none had to time out to make room
    assert slow_attempts == [0] * HANGING_DELIVERIES
    assert most_hanging_meanwhile == DEFAULT_ENDPOINT_CONCURRENCY

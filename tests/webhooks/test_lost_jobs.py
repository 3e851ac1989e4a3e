"""A pending delivery whose job message was lost is picked up by the periodic sweep."""

from __future__ import annotations

import uuid

import psycopg2

from tests.support.waiting import eventually
from tests.webhooks.receiver import Receiver
from webhooks.handlers.reschedule_overdue import SWEEP_INTERVAL_S


def _lose_a_job(database_url: str, merchant_id: str) -> str:
    """Write a pending log entry, due an hour ago, whose job message never reached the broker."""
    log_id = str(uuid.uuid4())
    with psycopg2.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute(
            """
            INSERT INTO webhooks.delivery_log
                (id, merchant_id, event_id, event, payload, status, attempts, created_at, next_retry_at, job_id)
            VALUES (%s, %s, %s, 'payment.success', %s, 'pending', 1,
                    now() - interval '1 hour', now() - interval '1 hour', %s)
            """,
            (log_id, merchant_id, str(uuid.uuid4()), '{"event":"payment.success","timestamp":1,"data":{}}', "lost"),
        )
    conn.close()
    return log_id


def test_an_overdue_delivery_whose_job_was_lost_is_delivered_by_the_sweep(new_merchant, stack):
    merchant = new_merchant()
    with Receiver() as receiver:
        merchant.point_webhooks_at(receiver.url)

        log_id = _lose_a_job(stack.isolation.database_url, merchant.id)

        eventually(lambda: receiver.received, timeout=SWEEP_INTERVAL_S * 3, interval=0.5, what="the sweep")
    assert receiver.received[0].headers["webhook-id"] == log_id
    entry = eventually(lambda: merchant.entry(log_id)["status"] == "success" and merchant.entry(log_id))
    assert entry["attempts"] == 2

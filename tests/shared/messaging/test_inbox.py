"""Idempotent consumers and commands: a repeat is recognised inside the transaction that would repeat the effect."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, insert, select, text

from paygate_shared.messaging.inbox import claim_command, first_delivery, record_result
from tests.support.waiting import eventually

DUPLICATES = 20
BLOCKED_SESSIONS = text(
    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
)


def test_a_message_is_a_first_delivery_once_per_consumer(engine, tables):
    processed = tables.messaging.processed_messages
    message_id = str(uuid.uuid4())

    with engine.begin() as conn:
        assert first_delivery(conn, processed, "webhooks.deliver", message_id) is True
        assert first_delivery(conn, processed, "webhooks.deliver", message_id) is False
        assert first_delivery(conn, processed, "payments.refund_processed", message_id) is True


def test_a_rolled_back_first_delivery_leaves_the_message_unprocessed(engine, tables):
    processed = tables.messaging.processed_messages
    message_id = str(uuid.uuid4())

    with engine.connect() as conn, conn.begin() as transaction:
        assert first_delivery(conn, processed, "webhooks.deliver", message_id) is True
        transaction.rollback()

    with engine.begin() as conn:
        assert first_delivery(conn, processed, "webhooks.deliver", message_id) is True


@pytest.mark.parametrize("result_known_first", [False, True], ids=["recorded-after", "stored-with-claim"])
def test_twenty_concurrent_copies_of_a_command_have_one_effect_and_all_get_the_first_result(
    engine, tables, result_known_first
):
    commands, effects = tables.messaging.commands, tables.effects
    command_id = f"cmd_{uuid.uuid4().hex}"
    start = threading.Barrier(DUPLICATES)

    def others_wait_for_the_first() -> bool:
        with engine.connect() as conn:
            return conn.execute(BLOCKED_SESSIONS).scalar_one() == DUPLICATES - 1

    def create_payment(copy: int):
        start.wait()
        result = {"id": f"pay_{copy}", "amount": 50_000}
        with engine.begin() as conn:
            claimed_with = result if result_known_first else None
            new, first_result = claim_command(conn, commands, command_id, "create_payment", claimed_with)
            if not new:
                return first_result
            conn.execute(insert(effects).values(message_id=command_id, note=f"copy {copy}"))
            eventually(others_wait_for_the_first, timeout=30, what="the other copies blocked on the claim")
            if not result_known_first:
                record_result(conn, commands, command_id, result)
            return result

    with ThreadPoolExecutor(max_workers=DUPLICATES) as pool:
        results = list(pool.map(create_payment, range(DUPLICATES)))

    with engine.connect() as conn:
        effect_count = conn.execute(
            select(func.count()).select_from(effects).where(effects.c.message_id == command_id)
        ).scalar_one()
    assert effect_count == 1
    assert len({result["id"] for result in results}) == 1
    assert results[0]["amount"] == 50_000

"""`paygate webhooks replay`: one entry, or every failed delivery of a merchant in a time range."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tests.support.waiting import eventually
from tests.webhooks.conftest import Events, a_payment, create_merchant
from tests.webhooks.receiver import Receiver


def test_a_merchants_failed_deliveries_in_a_time_range_are_delivered_again(stack):
    merchant, events = create_merchant(stack), Events(stack)
    since = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    with Receiver(status=lambda n: 500) as receiver:
        merchant.point_webhooks_at(receiver.url)
        for _ in range(2):
            events("payment.success", merchant.id, payment=a_payment())
        failed = eventually(
            lambda: len(entries := [e for e in merchant.log() if e["status"] == "failed"]) == 2 and entries,
            timeout=150,
            interval=1,
            what="both deliveries to give up",
        )
        receiver.status = lambda n: 200

        result = stack.paygate_command("webhooks", "replay", "--merchant", merchant.id, "--since", since)

        assert result.returncode == 0, result.stderr
        assert sorted(json.loads(result.stdout)["replayed"]) == sorted(e["id"] for e in failed)
        eventually(lambda: all(e["status"] == "success" for e in merchant.log()), what="the replays delivered")
        assert {r.headers["webhook-id"] for r in receiver.received} == {e["id"] for e in failed}
    events.close()


def test_replay_refuses_a_missing_range_and_a_foreign_entry(stack):
    merchant = create_merchant(stack)

    no_range = stack.paygate_command("webhooks", "replay", "--merchant", merchant.id)
    bad_time = stack.paygate_command("webhooks", "replay", "--merchant", merchant.id, "--since", "yesterday")
    foreign = stack.paygate_command(
        "webhooks", "replay", "--merchant", merchant.id, "--id", "00000000-0000-0000-0000-000000000000"
    )

    assert no_range.returncode == 2 and "--since" in no_range.stderr
    assert (bad_time.returncode == 1 and "ISO-8601" in bad_time.stderr) or "URL" in bad_time.stderr
    assert foreign.returncode == 1 and "not found" in foreign.stderr.lower()

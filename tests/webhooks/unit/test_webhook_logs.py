"""Log queries: a merchant's page of entries with filters, and one entry with its attempts."""

from __future__ import annotations

import pytest

from paygate_shared.contracts.webhooks import GetWebhookLog, ListWebhookLogs
from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import CommandRejected
from tests.webhooks.unit.fakes import with_url, world
from webhooks.handlers.webhook_logs import get_webhook_log, list_webhook_logs

MERCHANT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
OTHER = "9b2d6f10-4c1e-4b7a-8f3a-1d2e3f4a5b6c"


def log_events(w, merchant_id: str, *events: tuple[str, str]) -> None:
    for number, (event, payment_id) in enumerate(events):
        w.clock.advance(1)
        w.log_event(merchant_id, f"evt-{number}", event, {"payment": {"id": payment_id}})


def log_query(merchant_id: str, log_id: str) -> Envelope:
    return Envelope(type=GetWebhookLog.TYPE, payload={"merchant_id": merchant_id, "id": log_id})


def listing(w, merchant_id: str = MERCHANT, **query) -> dict:
    return list_webhook_logs(Envelope(type=ListWebhookLogs.TYPE, payload={"merchant_id": merchant_id, **query}), w.deps)


def test_the_page_holds_only_the_merchants_entries_newest_first_with_filters():
    w = world()
    log_events(w, MERCHANT, ("payment.created", "pay_1"), ("payment.success", "pay_1"), ("payment.success", "pay_2"))
    log_events(w, OTHER, ("payment.success", "pay_3"))

    page = listing(w, limit=2)

    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 0)
    assert [e["payment_id"] for e in page["data"]] == ["pay_2", "pay_1"]
    assert listing(w, event="payment.success")["total"] == 2
    assert listing(w, payment_id="pay_1")["total"] == 2
    assert listing(w, status="failed")["total"] == 0


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"status": "delivered"}])
def test_a_bad_page_or_filter_is_a_400(query):
    with pytest.raises(CommandRejected) as rejected:
        listing(world(), **query)

    assert rejected.value.status == 400


def test_one_entry_shows_its_payload_and_attempts_to_its_merchant_only():
    w = world()
    with_url(w, MERCHANT)
    logged = w.log_event(MERCHANT, "evt-1", data={"payment": {"id": "pay_1"}})
    w.run_jobs()

    entry = get_webhook_log(log_query(MERCHANT, logged.id), w.deps)

    assert entry["payload"]["data"] == {"payment": {"id": "pay_1"}}
    assert [d["response_code"] for d in entry["deliveries"]] == [200]
    with pytest.raises(CommandRejected) as missing:
        get_webhook_log(log_query(OTHER, logged.id), w.deps)
    assert missing.value.status == 404

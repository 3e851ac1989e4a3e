"""The webhooks unit of work on the real database: a transaction, or one statement committed on its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from paygate_shared.database import make_engine
from paygate_shared.secretbox import SecretBox
from webhooks.adapters.unit_of_work import SingleStatementUnit, SqlUnitOfWork
from webhooks.domain.delivery_job import DeliveryJob
from webhooks.domain.endpoint import Endpoint
from webhooks.handlers.record_event import event_entry


@pytest.fixture
def units(stack, isolation):
    """A factory of units of work over the migrated test database, and an observer connection's engine."""
    engine = make_engine(isolation.database_url, pool_size=1)
    autocommit_engine = make_engine(isolation.database_url, pool_size=1, autocommit=True)
    observer = make_engine(isolation.database_url, pool_size=1)
    box = SecretBox("unit-of-work-test-key")

    def unit(**kwargs) -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, autocommit_engine, box, **kwargs)

    yield unit, observer
    for each in (engine, autocommit_engine, observer):
        each.dispose()


def an_entry(merchant_id: str, event_id: str):
    now = datetime.now(UTC)
    return event_entry(
        merchant_id=merchant_id,
        event_id=event_id,
        event="payment.success",
        data={"payment": {"id": "pay_a1b2c3d4e5f6g7h8"}},
        occurred_at=now,
        now=now,
        correlation_id=None,
    )


def with_endpoint(unit, merchant_id: str) -> None:
    with unit() as uow:
        uow.endpoints.add_if_absent(Endpoint(merchant_id, "https://shop.example.com/hooks", "whsec_unit_of_work_test"))


def entries_seen(observer, log_id: str) -> int:
    with observer.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM webhooks.delivery_log WHERE id = :id"), {"id": log_id}).scalar()


def test_a_single_statement_unit_commits_its_statement_before_the_unit_ends(units):
    unit, observer = units
    merchant_id = "0c0ffee0-0000-4000-8000-000000000001"
    with_endpoint(unit, merchant_id)
    entry = an_entry(merchant_id, "evt_single_statement")

    with unit(single_statement=True) as uow:
        endpoint, added = uow.log.add_for_endpoint(entry, claimed_until=entry.created_at + timedelta(minutes=1))
        seen_inside = entries_seen(observer, entry.id)

    assert added and endpoint.secret == "whsec_unit_of_work_test"
    assert seen_inside == 1


def test_a_transaction_unit_shows_nothing_until_it_commits(units):
    unit, observer = units
    merchant_id = "0c0ffee0-0000-4000-8000-000000000002"
    with_endpoint(unit, merchant_id)
    entry = an_entry(merchant_id, "evt_transaction")

    with unit() as uow:
        uow.log.add_for_endpoint(entry, claimed_until=entry.created_at + timedelta(minutes=1))
        seen_inside = entries_seen(observer, entry.id)

    assert seen_inside == 0
    assert entries_seen(observer, entry.id) == 1


def test_a_single_statement_unit_refuses_to_schedule_a_job_which_must_commit_with_its_change(units):
    unit, observer = units
    entry = an_entry("0c0ffee0-0000-4000-8000-000000000003", "evt_no_job")

    with pytest.raises(SingleStatementUnit), unit(single_statement=True) as uow:
        uow.jobs.schedule(DeliveryJob.of(entry))

    with observer.connect() as conn:
        jobs = conn.execute(
            text("SELECT count(*) FROM webhooks.outbox WHERE body LIKE :log_id"), {"log_id": f"%{entry.id}%"}
        ).scalar()
    assert jobs == 0

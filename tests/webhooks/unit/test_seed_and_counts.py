"""Start-up seeding of the test merchant's endpoint, and the counts the heartbeat reports."""

from __future__ import annotations

from tests.webhooks.unit.fakes import unreachable, with_url, world
from webhooks.domain.endpoint import TEST_MERCHANT_ID
from webhooks.handlers.job_counts import job_counts
from webhooks.handlers.seed_test_merchant import seed_test_merchant


def test_the_test_merchant_is_seeded_once_with_its_documented_secret():
    w = world()

    seed_test_merchant(w.deps, None)
    seed_test_merchant(w.deps, None)

    endpoint = w.db.endpoints[TEST_MERCHANT_ID]
    assert (endpoint.url, endpoint.secret) == (None, "whsec_test_abc123")


def test_a_url_from_the_environment_is_applied_and_a_url_set_later_survives_a_restart_without_one():
    w = world()
    seed_test_merchant(w.deps, "http://localhost:4000/")
    assert w.db.endpoints[TEST_MERCHANT_ID].url == "http://localhost:4000/"
    with_url(w, TEST_MERCHANT_ID, "https://shop.example.com/")

    seed_test_merchant(w.deps, None)

    assert w.db.endpoints[TEST_MERCHANT_ID].url == "https://shop.example.com/"


def test_the_counts_are_pending_delivered_and_failed_entries():
    w = world()
    with_url(w, TEST_MERCHANT_ID)
    w.log_event(TEST_MERCHANT_ID, "evt-delivered")
    w.run_jobs()
    w.log_event(TEST_MERCHANT_ID, "evt-failed")
    w.sender.result = unreachable()
    w.run_jobs()
    w.log_event(TEST_MERCHANT_ID, "evt-waiting")

    assert job_counts(w.deps) == {"pending": 1, "completed": 1, "failed": 1}

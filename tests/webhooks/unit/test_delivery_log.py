"""A log entry through its attempts: success, a retry on the schedule, failed after the fifth, manual retry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from webhooks.domain.delivery_log import FAILED, PENDING, SUCCESS, Attempt, RetryPolicy, new_entry

POLICY = RetryPolicy((0, 60, 300, 1800, 7200))
NOW = datetime(2024, 1, 15, 10, 31, tzinfo=UTC)


def an_entry():
    return new_entry(
        log_id="log-1",
        merchant_id="m-1",
        event_id="evt-1",
        event="payment.success",
        payment_id="pay_1",
        body='{"event":"payment.success"}',
        now=NOW,
        correlation_id=None,
    )


def an_attempt(number: int, code: int | None, error: str | None = None) -> Attempt:
    return Attempt(number, NOW, "https://shop.example.com/", code, 20, error, "body")


def test_a_new_entry_is_pending_due_now_with_a_job():
    entry = an_entry()

    assert (entry.status, entry.attempts, entry.next_retry_at) == (PENDING, 0, NOW)
    assert entry.job_id


def test_a_2xx_answer_settles_the_entry_as_success():
    after = an_entry().after_attempt(an_attempt(1, 204), POLICY, NOW)

    assert (after.status, after.attempts, after.response_code, after.next_retry_at, after.job_id) == (
        SUCCESS,
        1,
        204,
        None,
        None,
    )
    assert after.last_attempt_at == NOW


def test_a_failure_stays_pending_until_the_next_delay_of_the_schedule_with_a_new_job():
    entry = an_entry()

    after = entry.after_attempt(an_attempt(1, 500), POLICY, NOW)
    again = after.after_attempt(an_attempt(2, None, "timed out after 5s"), POLICY, NOW)

    assert (after.status, after.attempts, after.next_retry_at) == (PENDING, 1, NOW + timedelta(minutes=1))
    assert after.job_id not in (None, entry.job_id)
    assert (again.attempts, again.next_retry_at, again.response_code) == (2, NOW + timedelta(minutes=5), None)


def test_redirects_and_client_errors_are_failures_too():
    for code in (301, 400, 404):
        assert an_entry().after_attempt(an_attempt(1, code), POLICY, NOW).status == PENDING


def test_the_fifth_failure_fails_the_entry_for_good():
    entry = an_entry()
    for number in range(1, 6):
        entry = entry.after_attempt(an_attempt(number, 502), POLICY, NOW)

    assert (entry.status, entry.attempts, entry.next_retry_at, entry.job_id) == (FAILED, 5, None, None)


def test_a_manual_retry_resets_attempts_and_is_due_now_with_a_new_job():
    failed = an_entry()
    for number in range(1, 6):
        failed = failed.after_attempt(an_attempt(number, 502), POLICY, NOW)
    later = NOW + timedelta(hours=3)

    retried = failed.retried(later)

    assert (retried.id, retried.status, retried.attempts, retried.next_retry_at) == ("log-1", PENDING, 0, later)
    assert retried.job_id is not None
    assert retried.payload == failed.payload


def test_the_api_view_shows_the_documented_fields_and_the_detail_adds_payload_and_deliveries():
    entry = an_entry().after_attempt(an_attempt(1, 200), POLICY, NOW)

    detail = entry.to_api_detail([an_attempt(1, 200)])

    assert detail["created_at"] == "2024-01-15T10:31:00Z"
    assert detail["payload"] == {"event": "payment.success"}
    assert detail["deliveries"][0]["attempt"] == 1
    assert detail["deliveries"][0]["duration_ms"] == 20

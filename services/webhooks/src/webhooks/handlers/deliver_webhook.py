"""One delivery attempt of a log entry: claim it, POST the signed body, record what happened, schedule the next.

The attempt is claimed in the log row before anything is sent, and recorded only if the
claim still stands, so two workers holding copies of one job never both send it. The HTTP
call happens outside any transaction and within the merchant's endpoint slots, which bound
how many of this worker's threads one merchant's server can hold. When the endpoint stays at
its limit the claim is released and the job comes back later: a second later when the
endpoint answers quickly, several seconds later when its deliveries hang (such a job is sent
back before it even claims).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from paygate_shared.messaging.envelope import Envelope
from paygate_shared.messaging.errors import PermanentError
from paygate_shared.metrics import WEBHOOK_ATTEMPTS
from webhooks.domain.delivery_job import DeliveryJob, UnreadableJob
from webhooks.domain.delivery_log import PENDING, Attempt, LogEntry
from webhooks.domain.endpoint import Endpoint
from webhooks.domain.signing import signed_headers
from webhooks.handlers.dependencies import Dependencies

log = logging.getLogger(__name__)

ENDPOINT_BUSY_DELAY_MS = 1_000
#: a slow endpoint keeps its slots for up to the 5 s delivery timeout; coming back sooner only adds load
ENDPOINT_SLOW_DELAY_MS = 10_000
#: longer than any attempt can take (DNS plus the 5 s HTTP budget); a crashed worker's claim lapses after it
CLAIM_LEASE = timedelta(seconds=60)


def deliver_webhook(envelope: Envelope, deps: Dependencies) -> None:
    try:
        job = DeliveryJob.from_payload(envelope.payload)
    except UnreadableJob as exc:
        raise PermanentError(str(exc)) from exc
    if deps.slots.refuses(job.merchant_id):
        with deps.unit_of_work() as uow:
            uow.jobs.schedule(job, delay_ms=ENDPOINT_SLOW_DELAY_MS, correlation_id=envelope.correlation_id)
        return
    attempt_delivery(job, deps)


def attempt_delivery(job: DeliveryJob, deps: Dependencies) -> None:
    now = deps.clock()
    with deps.unit_of_work() as uow:
        entry = uow.log.claim(job.log_id, job.job_id, now, now + CLAIM_LEASE)
        if entry is None:
            return  # an outdated job, a settled entry, or an attempt another worker is making
        endpoint = uow.endpoints.get(entry.merchant_id)
    deliver_claimed(job, entry, endpoint, deps)


def deliver_claimed(job: DeliveryJob, entry: LogEntry, endpoint: Endpoint | None, deps: Dependencies) -> None:
    """Make the attempt `job` holds the claim for: send within the merchant's slots, record it, schedule the next."""
    with deps.slots.hold(entry.merchant_id) as free:
        attempt = _send(entry, endpoint, deps) if free else None
    if attempt is None:
        delay_ms = ENDPOINT_SLOW_DELAY_MS if deps.slots.is_slow(entry.merchant_id) else ENDPOINT_BUSY_DELAY_MS
        with deps.unit_of_work() as uow:
            uow.log.release(entry.id, job.job_id)
            uow.jobs.schedule(job, delay_ms=delay_ms, correlation_id=entry.correlation_id)
        return
    after = entry.after_attempt(attempt, deps.retry_policy, deps.clock())
    retries = after.status == PENDING
    # a settled entry is one statement; one that retries schedules its next attempt in the same transaction
    with deps.unit_of_work(single_statement=not retries) as uow:
        if not uow.log.record(after, attempt, claimed_job_id=job.job_id):
            log.warning("attempt %d of webhook %s was superseded before it was recorded", attempt.attempt, entry.id)
            return
        if retries:
            delay_s = deps.retry_policy.delay_before(after.attempts + 1)
            uow.jobs.schedule(DeliveryJob.of(after), delay_ms=delay_s * 1000, correlation_id=entry.correlation_id)
    log.info(
        "webhook %s %s attempt %d: %s",
        entry.id,
        entry.event,
        attempt.attempt,
        attempt.error or attempt.response_code,
        extra={"correlation_id": entry.correlation_id},
    )


def _send(entry: LogEntry, endpoint: Endpoint | None, deps: Dependencies) -> Attempt:
    """POST the entry's exact body to the endpoint's URL of this moment, signed for this attempt."""
    number = entry.attempts + 1
    attempted_at = deps.clock()
    if endpoint is None or endpoint.url is None:
        WEBHOOK_ATTEMPTS.labels("failure", "error").inc()
        return Attempt(number, attempted_at, None, None, 0, "no webhook URL is configured", None)
    body = entry.payload.encode()
    headers = signed_headers(endpoint.secret, entry.id, int(attempted_at.timestamp()), body)
    result = deps.sender.post(endpoint.url, body, headers)
    attempt = Attempt(
        attempt=number,
        attempted_at=attempted_at,
        url=endpoint.url,
        response_code=result.response_code,
        duration_ms=result.duration_ms,
        error=result.error,
        response_body=result.response_body,
    )
    WEBHOOK_ATTEMPTS.labels("success" if attempt.succeeded else "failure", result.response_class).inc()
    return attempt

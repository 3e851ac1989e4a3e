"""The Prometheus metrics of the worker processes (the gateway's HTTP metrics live in the gateway)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

#: where each worker serves /metrics unless METRICS_PORT says otherwise (0 turns it off)
DEFAULT_METRICS_PORTS = {"payments": 9101, "refunds": 9102, "webhooks": 9103}

JOBS_PROCESSED = Counter(
    "paygate_jobs_processed_total",
    "Messages handled, by service, message type and outcome (ok, rejected, permanent_error, error)",
    ["service", "type", "outcome"],
)
JOB_DURATION = Histogram(
    "paygate_job_duration_seconds",
    "Time a handler took, by service and message type",
    ["service", "type"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
WEBHOOK_ATTEMPTS = Counter(
    "paygate_webhook_attempts_total",
    "Webhook delivery attempts, by outcome (success, failure) and response class (2xx, 4xx, 5xx, timeout, error)",
    ["outcome", "response_class"],
)
OUTBOX_BACKLOG = Gauge("paygate_outbox_backlog", "Messages waiting in a service's outbox", ["service"])
OUTBOX_OLDEST_AGE = Gauge(
    "paygate_outbox_oldest_age_seconds", "Age of the oldest message waiting in a service's outbox", ["service"]
)
QUEUE_DEPTH = Gauge("paygate_queue_depth", "Messages ready in a queue", ["queue"])
PARKED_MESSAGES = Gauge("paygate_parked_messages", "Messages resting in a queue's parking", ["queue"])
IN_FLIGHT = Gauge("paygate_worker_in_flight", "Messages a worker is handling right now", ["service"])
HEARTBEAT = Gauge(
    "paygate_worker_heartbeat_timestamp_seconds", "When the worker last reported itself alive", ["service"]
)

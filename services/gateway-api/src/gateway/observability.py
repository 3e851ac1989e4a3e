"""Request ids and Prometheus metrics for every HTTP request the gateway answers."""

from __future__ import annotations

import os
import re
import time
import uuid

from flask import Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from paygate_shared.logging import correlation_id_var

REQUEST_ID_HEADER = "X-Request-Id"
_ACCEPTED_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

HTTP_REQUESTS = Counter(
    "paygate_http_requests_total", "HTTP requests answered by the gateway", ["route", "method", "status"]
)
HTTP_LATENCY = Histogram(
    "paygate_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def install(app: Flask) -> None:
    """Give every request a correlation id (the client's X-Request-Id when it sends a sane one) and measure it."""

    @app.before_request
    def _start() -> None:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        g.correlation_id = offered if _ACCEPTED_REQUEST_ID.match(offered) else uuid.uuid4().hex
        g.correlation_token = correlation_id_var.set(g.correlation_id)
        g.started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = g.get("correlation_id", "")
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        labels = (route, request.method, str(response.status_code))
        HTTP_REQUESTS.labels(*labels).inc()
        if "started" in g:
            HTTP_LATENCY.labels(*labels).observe(time.perf_counter() - g.started)
        return response

    @app.teardown_request
    def _forget(_error) -> None:
        token = g.pop("correlation_token", None)
        if token is not None:
            correlation_id_var.reset(token)

    @app.get("/metrics")
    def metrics() -> Response:
        registry = REGISTRY
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
        return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)

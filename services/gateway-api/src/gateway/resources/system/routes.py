"""System endpoints: health, the seeded test merchant, and job status."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from gateway.adapters import probes
from gateway.bootstrap import gateway
from gateway.domain.merchants import TEST_MERCHANT_ID
from gateway.errors import not_found
from gateway.resources.common import ErrorSchema
from gateway.resources.system.schemas import HealthSchema, JobStatusSchema, ReadySchema, TestMerchantSchema
from paygate_shared.timefmt import iso, utcnow

blp = Blueprint("system", __name__, description="Health and test helpers")

JOB_TYPES = {"payments": "payment", "refunds": "refund", "webhooks": "webhook"}


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="A dependency is down")
    def get(self):
        """Probe the database, Redis, the broker and the workers"""
        wired = gateway()
        reports = probes.worker_reports(wired.redis, wired.settings.connections.redis_prefix)
        body = {
            "status": "healthy",
            "database": "connected" if probes.database_connected(wired.engine) else "disconnected",
            "redis": "connected" if probes.redis_connected(wired.redis) else "disconnected",
            "broker": "connected" if probes.broker_connected(wired.rpc) else "disconnected",
            "worker": "running" if probes.workers_running(reports, wired.settings.expected_workers) else "stopped",
            "timestamp": iso(utcnow()),
        }
        healthy = all(body[k] == "connected" for k in ("database", "redis", "broker")) and body["worker"] == "running"
        if not healthy:
            body["status"] = "degraded"
        return body, 200 if healthy else 503


@blp.route("/ready")
class Ready(MethodView):
    @blp.response(200, ReadySchema)
    @blp.alt_response(503, schema=ReadySchema, description="This instance cannot take traffic")
    def get(self):
        """Whether this gateway instance can take traffic: its database, Redis and broker answer"""
        wired = gateway()
        ready = (
            probes.database_connected(wired.engine)
            and probes.redis_connected(wired.redis)
            and probes.broker_connected(wired.rpc)
        )
        return {"ready": ready}, 200 if ready else 503


@blp.route("/api/v1/test/merchant")
class TestMerchant(MethodView):
    @blp.response(200, TestMerchantSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="The test merchant is not seeded")
    def get(self):
        """The seeded test merchant (no auth)"""
        merchant = gateway().merchants.get(TEST_MERCHANT_ID)
        if merchant is None:
            raise not_found("Test merchant not found")
        return {"id": merchant.id, "email": merchant.email, "api_key": merchant.api_key, "seeded": True}


@blp.route("/api/v1/test/jobs/status")
class JobStatus(MethodView):
    @blp.response(200, JobStatusSchema)
    def get(self):
        """Payment, refund and webhook jobs by state, and whether workers are alive"""
        wired = gateway()
        reports = probes.worker_reports(wired.redis, wired.settings.connections.redis_prefix)
        per_service = probes.job_counts(reports)
        totals = {key: sum(counts[key] for counts in per_service.values()) for key in probes.JOB_KEYS}
        running = probes.workers_running(reports, wired.settings.expected_workers)
        return {
            **totals,
            "worker_status": "running" if running else "stopped",
            "by_type": {JOB_TYPES.get(service, service): counts for service, counts in per_service.items()},
        }

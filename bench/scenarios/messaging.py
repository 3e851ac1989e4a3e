"""The messaging layer alone: confirmed publishing, one by one and in batches, and request/reply latency."""

from __future__ import annotations

from bench import messaging
from bench.environment import Environment
from bench.plan import Plan
from bench.scenarios import Outcome


def run(env: Environment, plan: Plan) -> Outcome:
    return Outcome(metrics=messaging.measure(plan.messaging_messages, plan.messaging_calls))

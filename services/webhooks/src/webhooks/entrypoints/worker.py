"""The webhooks worker: seeds the test merchant's endpoint, then consumes commands, events and jobs."""

from __future__ import annotations

from webhooks import bootstrap
from webhooks.config import Settings
from webhooks.handlers.seed_test_merchant import seed_test_merchant


def run(settings: Settings) -> None:
    worker, deps = bootstrap.build_worker(settings)
    seed_test_merchant(deps, settings.test_merchant_webhook_url)
    try:
        worker.run()
    finally:
        deps.sender.close()  # the connections kept open to merchants' servers

"""python -m dashboard serve"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from dashboard.config import DEV_SECRET_KEY, Settings
from paygate_shared.logging import configure_logging

log = logging.getLogger("dashboard")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Paygate merchant dashboard")
    parser.add_argument("command", choices=["serve"])
    parser.parse_args(argv)
    settings = Settings.from_env()
    configure_logging("dashboard", settings.log_level)
    if settings.secret_key == DEV_SECRET_KEY and not settings.test_mode:
        log.warning("DASHBOARD_SECRET_KEY is the development default: anyone could forge sessions; set your own")
    gunicorn = [
        sys.executable, "-m", "gunicorn",
        "--bind", f"0.0.0.0:{settings.port}",
        "--worker-class", "gthread",
        "--workers", str(settings.web_workers),
        "--threads", str(settings.web_threads),
        "--timeout", "60",
        "--graceful-timeout", "10",
        "--keep-alive", "5",
        "--access-logfile", "-",
        "--access-logformat", '{"ts":"%(t)s","service":"dashboard","access":"%(m)s %(U)s","status":%(s)s,"ms":%(M)s}',
        "dashboard.wsgi:app",
    ]  # fmt: skip
    os.execv(sys.executable, gunicorn)


if __name__ == "__main__":
    sys.exit(main())

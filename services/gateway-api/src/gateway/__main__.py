"""python -m gateway [serve|migrate|seed]"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from gateway.config import Settings
from paygate_shared.logging import configure_logging
from paygate_shared.webserver import serve

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gateway", description="Paygate API gateway")
    parser.add_argument("command", choices=["serve", "migrate", "seed"])
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    configure_logging("gateway", settings.log_level)
    if args.command == "migrate":
        from paygate_shared.migrate import upgrade

        upgrade(settings.connections.database_url, MIGRATIONS)
        return 0
    _prepare(settings)
    if args.command == "seed":
        return 0
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="paygate-gateway-metrics-"))
    serve(
        "gateway",
        "gateway.wsgi:app",
        port=settings.port,
        workers=settings.web_workers,
        threads=settings.web_threads,
        config="python:gateway.gunicorn_conf",
    )


def _prepare(settings: Settings) -> None:
    from gateway import bootstrap
    from gateway.seed import declare_topology, seed_test_merchant

    wired = bootstrap.build(settings)
    try:
        seed_test_merchant(wired.merchants)
        declare_topology(settings.connections.amqp_url)
    finally:
        wired.close()


if __name__ == "__main__":
    sys.exit(main())

"""python -m refunds [worker|migrate]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paygate_shared.logging import configure_logging
from refunds.config import Settings

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m refunds", description="Paygate refunds service")
    parser.add_argument("command", choices=["worker", "migrate"])
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    configure_logging("refunds", settings.log_level)
    if args.command == "migrate":
        from paygate_shared.migrate import upgrade

        upgrade(settings.connections.database_url, MIGRATIONS)
        return 0
    from refunds.bootstrap import build_worker

    build_worker(settings).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""python -m payments [worker|migrate]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paygate_shared.logging import configure_logging
from payments.config import Settings

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m payments", description="Paygate payments service")
    parser.add_argument("command", choices=["worker", "migrate"])
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    configure_logging("payments", settings.log_level)
    if args.command == "migrate":
        from paygate_shared.migrate import upgrade

        upgrade(settings.connections.database_url, MIGRATIONS)
        return 0
    from payments.bootstrap import build_worker

    build_worker(settings).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

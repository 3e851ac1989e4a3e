"""python -m webhooks [worker|migrate|receiver]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paygate_shared.logging import configure_logging
from webhooks.config import Settings

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webhooks", description="Paygate webhooks service")
    parser.add_argument("command", choices=["worker", "migrate", "receiver"])
    args, rest = parser.parse_known_args(argv)
    if args.command == "receiver":
        from webhooks.entrypoints import receiver

        return receiver.main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    settings = Settings.from_env()
    configure_logging("webhooks", settings.log_level)
    if args.command == "migrate":
        from paygate_shared.migrate import upgrade

        upgrade(settings.connections.database_url, MIGRATIONS)
        return 0
    from webhooks.entrypoints import worker

    worker.run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())

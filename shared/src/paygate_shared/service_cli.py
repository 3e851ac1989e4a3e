"""The command line of every worker service: `python -m <service> worker|migrate` (and any extra commands)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from paygate_shared.logging import configure_logging


def service_main(
    service: str,
    *,
    migrations: Path,
    load_settings: Callable[[], Any],
    run_worker: Callable[[Any], None],
    extra_commands: Mapping[str, Callable[[list[str]], int]] | None = None,
    argv: list[str] | None = None,
) -> int:
    """Parse the command, configure logging, and migrate the service's schema or run its worker.

    `load_settings()` returns settings with `.log_level` and `.connections.database_url`;
    an extra command receives the remaining arguments and runs without them.
    """
    extra = dict(extra_commands or {})
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in extra:
        return extra[argv[0]](argv[1:])
    parser = argparse.ArgumentParser(prog=f"python -m {service}", description=f"Paygate {service} service")
    parser.add_argument("command", choices=["worker", "migrate", *extra])
    args = parser.parse_args(argv)
    settings = load_settings()
    configure_logging(service, settings.log_level)
    if args.command == "migrate":
        from paygate_shared.migrate import upgrade

        upgrade(settings.connections.database_url, migrations)
        return 0
    run_worker(settings)
    return 0

"""python -m webhooks [worker|migrate|receiver]"""

from __future__ import annotations

import sys
from pathlib import Path

from paygate_shared.service_cli import service_main
from webhooks.config import Settings


def run_worker(settings: Settings) -> None:
    from webhooks.entrypoints import worker

    worker.run(settings)


def run_receiver(argv: list[str]) -> int:
    from webhooks.entrypoints import receiver

    return receiver.main(argv)


if __name__ == "__main__":
    sys.exit(
        service_main(
            "webhooks",
            migrations=Path(__file__).resolve().parents[2] / "migrations",
            load_settings=Settings.from_env,
            run_worker=run_worker,
            extra_commands={"receiver": run_receiver},
        )
    )

"""python -m payments [worker|migrate]"""

from __future__ import annotations

import sys
from pathlib import Path

from paygate_shared.service_cli import service_main
from payments.config import Settings


def run_worker(settings: Settings) -> None:
    from payments.bootstrap import build_worker

    build_worker(settings).run()


if __name__ == "__main__":
    sys.exit(
        service_main(
            "payments",
            migrations=Path(__file__).resolve().parents[2] / "migrations",
            load_settings=Settings.from_env,
            run_worker=run_worker,
        )
    )

"""python -m checkout serve"""

from __future__ import annotations

import argparse
import sys

from checkout.config import Settings
from paygate_shared.webserver import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checkout", description="Paygate hosted checkout and SDK")
    parser.add_argument("command", choices=["serve"])
    parser.parse_args(argv)
    settings = Settings.from_env()
    serve(
        "checkout", "checkout.wsgi:app", port=settings.port, workers=settings.web_workers, threads=settings.web_threads
    )


if __name__ == "__main__":
    sys.exit(main())

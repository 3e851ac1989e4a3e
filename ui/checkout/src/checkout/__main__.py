"""python -m checkout serve"""

from __future__ import annotations

import argparse
import os
import sys

from checkout.config import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checkout", description="Paygate hosted checkout and SDK")
    parser.add_argument("command", choices=["serve"])
    parser.parse_args(argv)
    settings = Settings.from_env()
    gunicorn = [
        sys.executable, "-m", "gunicorn",
        "--bind", f"0.0.0.0:{settings.port}",
        "--worker-class", "gthread",
        "--workers", str(settings.web_workers),
        "--threads", str(settings.web_threads),
        "--timeout", "30",
        "--graceful-timeout", "10",
        "--access-logfile", "-",
        "--access-logformat", '{"ts":"%(t)s","service":"checkout","access":"%(m)s %(U)s","status":%(s)s,"ms":%(M)s}',
        "checkout.wsgi:app",
    ]  # fmt: skip
    os.execv(sys.executable, gunicorn)


if __name__ == "__main__":
    sys.exit(main())

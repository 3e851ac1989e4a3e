"""How every Paygate web process runs: gunicorn with threads, bounded timeouts and JSON access lines."""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def gunicorn_argv(
    service: str, app: str, *, port: int, workers: int, threads: int, config: str | None = None
) -> list[str]:
    """The command line serving the WSGI `app` ("package.module:name") on every interface at `port`."""
    access_format = (
        '{"ts":"%(t)s","service":"' + service + '","access":"%(m)s %(U)s","status":%(s)s,"ms":%(M)s,'
        '"correlation_id":"%({x-request-id}o)s"}'
    )
    argv = [sys.executable, "-m", "gunicorn"]
    if config:
        argv += ["--config", config]
    argv += [
        "--bind", f"0.0.0.0:{port}",
        "--worker-class", "gthread",
        "--workers", str(workers),
        "--threads", str(threads),
        "--timeout", "30",
        "--graceful-timeout", "10",
        "--keep-alive", "5",
        "--access-logfile", "-",
        "--access-logformat", access_format,
        app,
    ]  # fmt: skip
    return argv


def serve(service: str, app: str, *, port: int, workers: int, threads: int, config: str | None = None) -> NoReturn:
    """Replace this process with gunicorn, so signals from the supervisor reach it directly."""
    argv = gunicorn_argv(service, app, port=port, workers=workers, threads=threads, config=config)
    os.execv(argv[0], argv)

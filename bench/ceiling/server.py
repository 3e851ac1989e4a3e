"""Starts the ceiling with the gateway's own gunicorn command line, workers and threads."""

from __future__ import annotations

import subprocess
from pathlib import Path

from paygate_shared.webserver import gunicorn_argv
from tests.support.stack import REPO, free_port

CEILING_PATH = "/ceiling"


class CeilingServer:
    """The ceiling's gunicorn, started for one benchmark run."""

    def __init__(self, workers: int, threads: int, log_path: Path) -> None:
        self.port = free_port()
        argv = gunicorn_argv("ceiling", "bench.ceiling.app:app", port=self.port, workers=workers, threads=threads)
        self._log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            argv, stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True
        )

    @property
    def pid(self) -> int:
        return self._process.pid

    def stop(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=20)
        self._log.close()

"""What browser tests share: Debian's Chromium, pages that fail on script errors, UI apps as real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.support.stack import REPO
from tests.support.waiting import eventually

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"]


@contextmanager
def chromium():
    """Headless Chromium driven by Playwright; `get_by_test_id` finds the contract's `data-test-id` hooks."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        playwright.selectors.set_test_id_attribute("data-test-id")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def watched_page(context):
    """A page of a fresh context; an uncaught script error or a resource the CSP blocked fails the test."""
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    try:
        yield tab
    finally:
        context.close()
    assert not errors, f"the page broke: {errors}"


@dataclass
class AppProcess:
    """A UI app (`python -m <name> serve`) running beside the stack."""

    name: str
    url: str
    process: subprocess.Popen
    log_path: Path
    ready_path: str

    def answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited with {self.process.returncode}: {self.log()[-3000:]}")
        try:
            return requests.get(self.url + self.ready_path, timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@contextmanager
def running_app(
    name: str, port: int, env: dict[str, str], log_dir: Path, ready_path: str = "/"
) -> Iterator[AppProcess]:
    """`python -m <name> serve` on `port`, once it answers `ready_path`; stopped afterwards."""
    log_path = log_dir / f"{name}.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", name, "serve"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )
    running = AppProcess(name, f"http://127.0.0.1:{port}", process, log_path, ready_path)
    try:
        eventually(running.answers, timeout=60, interval=0.25, what=f"{name} answering")
        yield running
    finally:
        running.stop()

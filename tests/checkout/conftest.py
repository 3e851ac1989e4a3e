"""The checkout app as a real process beside the stack, a shop and a forger on origins of their own, and Chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.checkout.browsing import CHROMIUM, CHROMIUM_ARGS, FORGER_PAGE, StaticSite, shop_page
from tests.support.stack import REPO, free_port
from tests.support.waiting import eventually


@dataclass
class CheckoutProcess:
    url: str
    process: subprocess.Popen
    log_path: Path

    def answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"checkout exited with {self.process.returncode}: {self.log()[-3000:]}")
        try:
            return requests.get(self.url + "/", timeout=5).status_code == 200
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


@pytest.fixture(scope="session")
def checkout(stack, tmp_path_factory):
    """`python -m checkout serve` on a free port, pointed at the stack's gateway."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **stack.env,
        "CHECKOUT_PORT": str(port),
        "CHECKOUT_WORKERS": "1",
        "CHECKOUT_PUBLIC_URL": url,
        "PAYGATE_API_URL": stack.base_url,
    }
    log_path = tmp_path_factory.mktemp("checkout") / "checkout.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "checkout", "serve"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )
    running = CheckoutProcess(url=url, process=process, log_path=log_path)
    try:
        eventually(running.answers, timeout=60, interval=0.25, what="the checkout app answering")
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def shop(checkout):
    """A merchant's page on another origin than the checkout, loading checkout.js from it."""
    site = StaticSite({"/shop.html": shop_page(checkout.url)}).start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def forger():
    """A page on a third origin that posts checkout-like messages to whoever frames it."""
    site = StaticSite({"/forger.html": FORGER_PAGE}).start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def public_payments(stack):
    """The gateway's public payment endpoints, which the paying scenarios need."""
    paths = requests.get(f"{stack.base_url}/openapi.json", timeout=10).json()["paths"]
    if "/api/v1/payments/public" not in paths:
        pytest.skip("this gateway does not serve POST /api/v1/payments/public yet")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context per test; an uncaught script error or a blocked resource in it fails the test."""
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    yield tab
    context.close()
    assert not errors, f"the page broke: {errors}"

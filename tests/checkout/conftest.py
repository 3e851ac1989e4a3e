"""The checkout app as a real process beside the stack, a shop and a forger on origins of their own, and Chromium."""

from __future__ import annotations

import pytest

from tests.checkout.support import CHROMIUM, CHROMIUM_ARGS, FORGER_PAGE, StaticSite, running_checkout, shop_site


@pytest.fixture(scope="session")
def checkout(stack, tmp_path_factory):
    """The checkout app beside the session's stack."""
    with running_checkout(stack, tmp_path_factory.mktemp("checkout")) as running:
        yield running


@pytest.fixture(scope="module")
def shop(checkout):
    """A merchant's page on another origin than the checkout, loading checkout.js from it."""
    with shop_site(checkout.url) as site:
        yield site


@pytest.fixture(scope="session")
def forger():
    """A page on a third origin that posts checkout-like messages to whoever frames it."""
    with StaticSite({"/forger.html": FORGER_PAGE}) as site:
        yield site


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

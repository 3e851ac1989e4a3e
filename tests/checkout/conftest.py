"""The checkout app as a real process beside the stack, a shop and a forger on origins of their own, and Chromium."""

from __future__ import annotations

import pytest

from tests.checkout.support import FORGER_PAGE, StaticSite, running_checkout, shop_site
from tests.support.browser import watched_page


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


@pytest.fixture
def page(browser):
    """A fresh browser context per test; an uncaught script error or a blocked resource in it fails the test."""
    with watched_page(browser.new_context()) as tab:
        yield tab

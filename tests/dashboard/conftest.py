"""Fixtures: the dashboard over a fake gateway (unit), and the real dashboard process over the stack (browser)."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass

import pytest
import requests
from flask.testing import FlaskClient

from dashboard.app import create_app
from dashboard.config import Settings
from tests.dashboard.fakes import FakeGateway
from tests.support.browser import running_app, watched_page
from tests.support.stack import free_port

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


# --- unit: the Flask app over a fake gateway ---------------------------------------------------


class Visitor:
    """A browser-like test client: keeps the cookie and sends the page's CSRF token with every form."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def csrf_token(self) -> str:
        page = self.client.get("/login", follow_redirects=True)  # the sign-in page, or home once signed in
        return CSRF_META.search(page.get_data(as_text=True)).group(1)

    def submit(self, path: str, data: dict | None = None, **kwargs):
        return self.client.post(path, data={"csrf_token": self.csrf_token(), **(data or {})}, **kwargs)

    def sign_in(self, email: str = "test@example.com", password: str = "anything") -> None:
        response = self.submit("/login", {"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def gateway() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def app(gateway):
    settings = Settings.from_env({"DASHBOARD_SECRET_KEY": "unit-test-key", "TEST_MODE": "true"})
    return create_app(settings, gateway)


@pytest.fixture
def visitor(app) -> Visitor:
    return Visitor(app.test_client())


@pytest.fixture
def merchant(app) -> Visitor:
    """A visitor signed in as the test merchant."""
    signed_in = Visitor(app.test_client())
    signed_in.sign_in()
    return signed_in


# --- browser: the real dashboard process over the real stack -----------------------------------


@pytest.fixture(scope="session")
def dashboard_server(stack):
    """`python -m dashboard serve` on a free port, pointed at the stack's gateway."""
    port = free_port()
    env = {
        **stack.env,
        "PAYGATE_API_URL": stack.base_url,
        "DASHBOARD_PORT": str(port),
        "DASHBOARD_SECRET_KEY": "browser-test-key-" + stack.isolation.run_id,
        "DASHBOARD_WORKERS": "1",
    }
    with running_app("dashboard", port, env, stack.log_dir, ready_path="/login") as running:
        yield running


@pytest.fixture
def page(browser, dashboard_server):
    """A fresh browser context on the dashboard; a script error or a blocked resource in it fails the test."""
    context = browser.new_context(base_url=dashboard_server.url)
    context.set_default_timeout(20_000)
    with watched_page(context) as tab:
        yield tab


@pytest.fixture
def shop_owner(stack):
    """A new merchant with a dashboard password, so its numbers are its own."""
    suffix = uuid.uuid4().hex[:8]
    email, password = f"owner-{suffix}@example.com", "dashboard password 1"
    result = stack.paygate_command(
        "merchants", "create", "--name", f"Shop {suffix}", "--email", email, "--password", password
    )
    assert result.returncode == 0, result.stderr
    created = json.loads(result.stdout)
    api = stack.session(headers={"X-Api-Key": created["api_key"], "X-Api-Secret": created["api_secret"]})
    return ShopOwner(email=email, password=password, name=created["name"], api_key=created["api_key"], api=api)


@dataclass
class ShopOwner:
    email: str
    password: str
    name: str
    api_key: str
    api: requests.Session

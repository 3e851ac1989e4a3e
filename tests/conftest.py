"""Fixtures: an isolated run (database, vhost, key prefix) and the real Paygate stack on it."""

from __future__ import annotations

import contextlib
import uuid

import pytest

from tests.support.browser import chromium
from tests.support.isolation import create_isolation, destroy_isolation
from tests.support.stack import Stack, base_env, migrate


@pytest.fixture(scope="session")
def isolation():
    run = create_isolation()
    yield run
    destroy_isolation(run)


@contextlib.contextmanager
def running_stack(isolation, log_dir, **env_overrides: str):
    """Migrate the isolated run and start every installed Paygate process; stop them after."""
    env = base_env(isolation, **env_overrides)
    migrate(env)
    running = Stack(isolation=isolation, env=env, log_dir=log_dir)
    try:
        running.start_all()
        yield running
    finally:
        running.stop_all()


@pytest.fixture(scope="session")
def stack(isolation, tmp_path_factory):
    with running_stack(isolation, tmp_path_factory.mktemp("logs")) as running:
        yield running


@pytest.fixture(scope="module")
def separate_stack(request, tmp_path_factory):
    """A stack of its own (own database, vhost, prefix) with the settings in the module's STACK_ENV."""
    run = create_isolation("sep")
    try:
        with running_stack(run, tmp_path_factory.mktemp("logs"), **getattr(request.module, "STACK_ENV", {})) as running:
            yield running
    finally:
        destroy_isolation(run)


@pytest.fixture(autouse=True)
def _stack_is_whole_again(request):
    """A test that stops a process must leave the stack whole for the next one."""
    yield
    if "stack" in request.fixturenames:
        running: Stack = request.getfixturevalue("stack")
        missing = [name for name in running.names if name not in running.processes]
        for name in missing:
            running.start(name)
        if missing:
            running.wait_until_healthy()


@pytest.fixture
def api(stack):
    """The test merchant's API session."""
    return stack.session()


@pytest.fixture
def anonymous(stack):
    return stack.session(headers={})


@pytest.fixture(scope="session")
def other_merchant(stack):
    """A second merchant, created with the operator command."""
    suffix = uuid.uuid4().hex[:8]
    created = stack.create_merchant(f"Other {suffix}", f"other-{suffix}@example.com")
    return stack.session(headers={"X-Api-Key": created["api_key"], "X-Api-Secret": created["api_secret"]})


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test of the run: Playwright's sync API runs one instance at a time."""
    with chromium() as launched:
        yield launched

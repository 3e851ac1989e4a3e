"""Fixtures: an isolated run (database, vhost, key prefix) and the real Paygate stack on it."""

from __future__ import annotations

import uuid

import pytest
import requests

from tests.support.browser import chromium
from tests.support.isolation import create_isolation, destroy_isolation
from tests.support.openapi import Operation, operations
from tests.support.rabbitmq import broker_state
from tests.support.stack import Stack, running_stack


def pytest_addoption(parser):
    group = parser.getgroup("faults", "fault-injection scenarios (tests/faults)")
    group.addoption("--fault-payments", type=int, default=200, help="payments each fault scenario drives (200)")
    group.addoption("--run-slow-faults", action="store_true", help="run the slow fault scenarios too")
    group.addoption(
        "--infra-wait",
        type=float,
        default=1800,
        help="seconds a scenario that stops the machine's RabbitMQ, PostgreSQL or Redis waits for other test runs",
    )


@pytest.fixture(scope="session")
def isolation():
    run = create_isolation()
    yield run
    destroy_isolation(run)


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


@pytest.fixture(scope="session")
def api_operations(stack) -> list[Operation]:
    """Every operation of the API, as its own OpenAPI document lists them."""
    return operations(requests.get(f"{stack.base_url}/openapi.json", timeout=10).json())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test against a stack reports what its processes and the broker said, for runs read only afterwards."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed or "stack" not in getattr(item, "fixturenames", ()):
        return
    running = item.funcargs.get("stack")
    if isinstance(running, Stack):
        report.sections.append(("stack: recent warnings and errors", running.recent_trouble()))
        report.sections.append(("broker", broker_state()))

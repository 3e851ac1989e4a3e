"""Fault scenarios share one stack of their own, so what they break and count is theirs alone.

Every test here is marked `faults`. The quick scenarios (workers killed, poison, lost delay
messages) run in `make test`; those marked `slow_faults` (outages of the machine's RabbitMQ,
PostgreSQL and Redis, retries running their whole schedule) only with `--run-slow-faults`
(`make test-faults`). `--fault-payments` sets N for every scenario.
"""

from __future__ import annotations

import pytest

from tests.support import infrastructure
from tests.support.isolation import create_isolation, destroy_isolation
from tests.support.stack import running_stack

#: what a scenario may take besides waiting for the machine: traffic, the fault, settling
BASE_TIMEOUT_S = 900
TIMEOUT_PER_PAYMENT_S = 0.6


def pytest_collection_modifyitems(config, items):
    payments = config.getoption("--fault-payments")
    for item in items:
        if "tests/faults/" not in item.nodeid:
            continue
        item.add_marker(pytest.mark.faults)
        if item.get_closest_marker("slow_faults") and not config.getoption("--run-slow-faults"):
            # decided at collection, so the fault stack is not even started
            item.add_marker(
                pytest.mark.skip(reason="a fault scenario: `make test-faults` (or --run-slow-faults) runs it")
            )
        waits = config.getoption("--infra-wait") if "shared_infrastructure" in item.fixturenames else 0
        item.add_marker(pytest.mark.timeout(BASE_TIMEOUT_S + TIMEOUT_PER_PAYMENT_S * payments + waits))


@pytest.fixture(scope="package")
def fault_stack(tmp_path_factory):
    run = create_isolation("faults")
    try:
        with running_stack(run, tmp_path_factory.mktemp("fault-logs")) as running:
            yield running
    finally:
        destroy_isolation(run)


@pytest.fixture(autouse=True)
def _fault_stack_is_whole_again(request):
    """A scenario that killed a process leaves the stack whole for the next one, even when it failed."""
    yield
    if "fault_stack" in request.fixturenames:
        running = request.getfixturevalue("fault_stack")
        missing = [name for name in running.names if name not in running.processes]
        for name in missing:
            running.start(name)
        if missing:
            running.wait_until_healthy()


@pytest.fixture
def fault_payments(request) -> int:
    return request.config.getoption("--fault-payments")


@pytest.fixture
def shared_infrastructure(request) -> infrastructure.SharedServers:
    """The machine's RabbitMQ, PostgreSQL and Redis, once no other checkout's test run is using them."""
    try:
        return infrastructure.SharedServers(request.config.getoption("--infra-wait"))
    except infrastructure.InfrastructureBusy as busy:
        pytest.skip(str(busy))

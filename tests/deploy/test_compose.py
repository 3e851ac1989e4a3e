"""docker-compose.yml, checked statically (no Docker engine here): builds, ports, health, variables."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
BUILT = {name: spec for name, spec in SERVICES.items() if "build" in spec}
JOB_PROCESSORS = [name for name in ("payments", "refunds", "webhooks") if name in SERVICES]
TEST_VARIABLES = ("TEST_MODE", "TEST_PROCESSING_DELAY", "TEST_PAYMENT_SUCCESS", "WEBHOOK_RETRY_INTERVALS_TEST")


def test_the_infrastructure_has_healthchecks_and_the_management_ui():
    for name in ("postgres", "redis", "rabbitmq"):
        assert "healthcheck" in SERVICES[name], name
    assert "management" in SERVICES["rabbitmq"]["image"]
    assert "15672:15672" in SERVICES["rabbitmq"]["ports"]


@pytest.mark.parametrize("name", sorted(BUILT))
def test_every_built_service_has_its_context_and_dockerfile(name):
    build = BUILT[name]["build"]
    context = REPO / build["context"]
    assert context.is_dir()
    assert (context / build["dockerfile"]).is_file()


@pytest.mark.parametrize("name", sorted(BUILT))
def test_every_service_waits_for_healthy_infrastructure(name):
    depends = BUILT[name]["depends_on"]
    for infra in ("postgres", "redis", "rabbitmq"):
        assert depends[infra]["condition"] == "service_healthy"


def test_the_documented_ports_are_published():
    expected = {"gateway-api": "8000:8000", "dashboard": "3000:3000", "checkout": "3001:3001"}
    for name, port in expected.items():
        if name in SERVICES:
            assert port in SERVICES[name]["ports"], name
    assert "gateway-api" in SERVICES


@pytest.mark.parametrize("name", JOB_PROCESSORS)
def test_job_processing_services_receive_the_test_mode_variables(name):
    environment = SERVICES[name]["environment"]
    for variable in TEST_VARIABLES:
        assert variable in environment, (name, variable)


def test_every_service_folder_with_code_is_in_compose():
    folders = {p.parent.name for p in REPO.glob("services/*/pyproject.toml")} | {
        p.parent.name for p in REPO.glob("ui/*/pyproject.toml")
    }
    assert folders <= set(SERVICES), folders - set(SERVICES)

# Paygate: `make run` starts the whole system, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PACKAGES := shared $(patsubst %/pyproject.toml,%,$(wildcard services/*/pyproject.toml ui/*/pyproject.toml))
SERVICES_WITH_MIGRATIONS := $(patsubst services/%/migrations,%,$(wildcard services/*/migrations))
PYTEST_ARGS ?=

.PHONY: install infra browser migrate run test test-faults bench lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements-dev.txt $(addsuffix /pyproject.toml,$(PACKAGES))
	$(BIN)/pip install --quiet $(addprefix -e ,$(PACKAGES)) -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

infra:
	@scripts/ensure-infra.sh

browser:
	@scripts/ensure-browser.sh

migrate: install infra
	@for service in $(SERVICES_WITH_MIGRATIONS); do \
		module=$$(echo $$service | sed 's/gateway-api/gateway/'); \
		$(BIN)/python -m $$module migrate || exit 1; \
	done

run: migrate
	@scripts/print-urls.sh
	@PATH="$(CURDIR)/$(BIN):$$PATH" WEBHOOK_ALLOW_PRIVATE_URLS=$${WEBHOOK_ALLOW_PRIVATE_URLS:-true} \
		$(BIN)/honcho start -f Procfile

test: install infra browser
	$(BIN)/pytest $(PYTEST_ARGS)

test-faults: install infra
	$(BIN)/pytest -m "faults or not faults" --run-slow-faults $(PYTEST_ARGS) tests/faults

bench: install infra
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check services shared ui tests bench
	$(BIN)/ruff format --check services shared ui tests bench

format: install
	$(BIN)/ruff format services shared ui tests bench
	$(BIN)/ruff check --fix services shared ui tests bench

clean:
	rm -rf $(VENV)

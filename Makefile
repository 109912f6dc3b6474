# Lantern. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PYTHON)
export UV_LINK_MODE := copy

.PHONY: help setup run test test-fast test-pg test-e2e lint format demo bench clean

help: ## Show this help
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lantern/static/govuk/govuk-frontend.min.css: node_modules/.installed scripts/build_assets.py
	$(BIN)/python scripts/build_assets.py

setup: $(VENV)/.synced lantern/static/govuk/govuk-frontend.min.css ## Install locked Python and front-end dependencies into .venv and static files
	@mkdir -p var

run: setup ## Install, migrate SQLite, load demo data on first run, serve http://127.0.0.1:8000 with the background worker
	$(BIN)/lantern migrate --no-input
	$(BIN)/lantern demo --if-empty
	$(BIN)/lantern collectstatic --no-input --verbosity 0
	@export DEBUG=$${DEBUG:-true}; \
	$(BIN)/lantern worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(BIN)/lantern runserver 127.0.0.1:8000

test: setup ## Run every test: unit and integration on SQLite and PostgreSQL, browser tests in Chromium
	bash scripts/test-all.sh

test-fast: setup ## Run the suite on SQLite only, without browser tests
	$(BIN)/pytest -q -m "not e2e and not postgres" -n 2

test-pg: setup ## Run the suite (without browser tests) on a throwaway PostgreSQL 15 cluster
	@dir=$$(mktemp -d /tmp/lantern-pg.XXXXXX); trap 'scripts/pg-cluster.sh stop "$$dir"' EXIT; \
	url=$$(scripts/pg-cluster.sh start "$$dir") && DATABASE_URL=$$url $(BIN)/pytest -q -m "not e2e" -n 2

test-e2e: setup ## Run only the browser tests in Chromium (SQLite)
	env -u DATABASE_URL $(BIN)/pytest -q -m e2e -n 2

lint: setup ## ruff check and format check, bandit, import layers (docs/architecture.md), no missing migrations
	$(BIN)/ruff check lantern tests scripts
	$(BIN)/ruff format --check lantern tests scripts
	$(BIN)/bandit -q -r lantern -x "lantern/*/migrations"
	$(BIN)/lint-imports --no-cache
	$(BIN)/lantern makemigrations --check --dry-run

format: setup ## Format the code
	$(BIN)/ruff check --fix lantern tests scripts
	$(BIN)/ruff format lantern tests scripts

clean: ## Remove installed dependencies and the local database
	rm -rf $(VENV) $(TOOLS) node_modules lantern/static/govuk lantern/static/vendor var

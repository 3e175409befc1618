# Two commands: `make demo` and `make test`. Both set up everything from the lock file.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv

# This machine kind sets PYTHONDONTWRITEBYTECODE; compiled bytecode halves import time.
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup demo test test-tools test-all bench lint clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced

demo: setup ## Generate 30 synthetic nights and run them through the nightly DAG
	$(VENV)/bin/onestop demo

test-tools:
	./scripts/install-test-tools.sh

test: setup test-tools ## Run the test suite (slow scale tests excluded)
	$(VENV)/bin/python -m pytest

test-all: setup test-tools ## Also run the tests marked slow
	$(VENV)/bin/python -m pytest -m ""

bench: setup ## Time the nightly steps against DuckDB's own CSV read (see docs/performance.md)
	$(VENV)/bin/onestop bench

lint: setup ## ruff: lint and formatting (run by .ci/run)
	$(VENV)/bin/ruff check include dags tests
	$(VENV)/bin/ruff format --check include dags tests

clean:
	rm -rf data .pytest_cache dbt_project/target dbt_project/logs

# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export XASO_DATA_DIR ?= $(CURDIR)/data

.PHONY: demo test test-sqlite test-postgres system-deps bench clean

demo: $(VENV)/.installed
	$(BIN)/xaso demo

test: $(VENV)/.dev-installed system-deps
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: $(VENV)/.dev-installed
	XASO_DATA_DIR=$(CURDIR)/.test-data $(BIN)/python -m pytest

# The pure core (readers, extraction, checks, rules) knows nothing of a database: the SQLite pass runs it.
PURE_CORE = --ignore=tests/core --ignore=tests/documents --ignore=tests/extract --ignore=tests/checks

test-postgres: $(VENV)/.dev-installed
	XASO_DATA_DIR=$(CURDIR)/.test-data scripts/with-postgres $(BIN)/python -m pytest $(PURE_CORE)

system-deps:
	scripts/system-deps

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) .test-data .pytest_cache

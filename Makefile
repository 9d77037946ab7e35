# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export XASO_DATA_DIR ?= $(CURDIR)/data

.PHONY: demo test test-sqlite test-postgres system-deps bench clean lock

demo: $(VENV)/.installed
	scripts/system-deps --ocr
	$(BIN)/xaso demo

# The two passes run side by side, each with its own data folder and cache; each one's output is printed whole
# when it ends (--output-sync), so a failure reads as one block.
test: $(VENV)/.dev-installed system-deps
	$(MAKE) -j2 --output-sync=target test-sqlite test-postgres

# What does not depend on the database runs once, in the pass that keeps the two passes, run side by side, about as
# long: the pure core (readers, extraction, checks, rules) knows nothing of a database; its readers' tests
# (tests/documents: PDF, OCR of scans) run in the PostgreSQL pass, the rest in the SQLite pass. The browser tests
# (a real Chromium: scripts, layout, phone width) run against PostgreSQL, the production database. The three long
# runs whose subject is not the database (every link of every role, the API fuzzing, the deployment files behind
# nginx and gunicorn) run in the SQLite pass. The permission matrix, the page and API tests run on both.
ONLY_IN_POSTGRES = --ignore=tests/documents --ignore=tests/browser
PURE_CORE = --ignore=tests/core --ignore=tests/extract --ignore=tests/checks
ONCE = --ignore=tests/test_crawl.py --ignore=tests/api/test_schemathesis.py --ignore=tests/test_deploy.py

test-sqlite: $(VENV)/.dev-installed
	XASO_DATA_DIR=$(CURDIR)/.test-data/sqlite $(BIN)/python -m pytest -o cache_dir=.test-data/sqlite/.pytest_cache \
		$(ONLY_IN_POSTGRES)

test-postgres: $(VENV)/.dev-installed
	XASO_DATA_DIR=$(CURDIR)/.test-data/postgres scripts/with-postgres $(BIN)/python -m pytest \
		-o cache_dir=.test-data/postgres/.pytest_cache $(PURE_CORE) $(ONCE)

system-deps:
	scripts/system-deps

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }

# Installs come from the hashed locks in requirements/ (ranges stay in pyproject.toml): pip and setuptools
# first, then every dependency at its pinned version, then xaso itself without resolving anything again.
LOCKS := requirements/tools.lock requirements/runtime.lock
$(VENV)/.installed: pyproject.toml $(LOCKS) | $(VENV)/bin/python
	$(BIN)/pip install -q --require-hashes -r requirements/tools.lock
	$(BIN)/pip install -q --require-hashes -r requirements/runtime.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(LOCKS) requirements/dev.lock | $(VENV)/bin/python
	$(BIN)/pip install -q --require-hashes -r requirements/tools.lock
	$(BIN)/pip install -q --require-hashes -r requirements/dev.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $(VENV)/.installed $@

# `make lock` after changing a dependency in pyproject.toml: resolves against PyPI alone (a local mirror or
# find-links would give fewer hashes) for this Python, and writes the three locks. Pins already in a lock are
# kept while they fit; `make lock LOCK_FLAGS=--upgrade` takes the newest releases the ranges allow.
COMPILE = env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make lock" \
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links $(LOCK_FLAGS)
lock: | $(VENV)/bin/python
	$(BIN)/pip show -q pip-tools 2>/dev/null || $(BIN)/pip install -q --require-hashes -r requirements/tools.lock -r requirements/dev.lock
	$(COMPILE) -o requirements/tools.lock requirements/tools.in
	$(COMPILE) -o requirements/runtime.lock pyproject.toml
	$(COMPILE) --extra dev -o requirements/dev.lock pyproject.toml requirements/dev.in

clean:
	rm -rf $(VENV) .test-data .pytest_cache

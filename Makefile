# The README's commands. `make run` serves the dashboard on 127.0.0.1 with demo data;
# `make test` runs the whole suite. Both set up what they need first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Local development: DEBUG on, SQLite and in-process tasks unless DATABASE_URL/CELERY_BROKER_URL are set.
RUN_ENV := DEBUG=$${DEBUG:-1}
# Tests need no environment: conftest.py sets what they need.
TEST_ENV :=

.PHONY: run test setup lint format bench-extract clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles var db.sqlite3

# The front door. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := UV_PYTHON_DOWNLOADS=never $(PYTHON) -m uv
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run demo-reset test test-sqlite test-postgres bench lint format worker messages

# The stamp is rebuilt whenever a requirement file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	@test -x $(PY) || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(PY) requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

# Checks the port, migrates quietly, loads the demo data, then serves (scripts/serve-dev.sh).
run: install
	@DEBUG=$${DEBUG:-true} bash scripts/serve-dev.sh $(PORT)

# Erases the development database and loads the demo data again (refused unless DEBUG).
demo-reset: install
	@DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --no-input --verbosity 0
	@DEBUG=$${DEBUG:-true} $(PY) manage.py reset_demo

worker: install
	$(PY) manage.py db_worker

test: install
	bash scripts/test.sh

bench: install
	$(PY) -m bench $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports  # the layers (pyproject.toml [tool.importlinter])

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The French catalogue after marking strings: then translate the new entries by hand.
messages: install
	PYTHON=$(PY) bash scripts/messages.sh

# Two commands for a fresh machine: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install messages lint format makemessages bench clean cluster packages-demo packages-test packages-cluster

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages from debian-packages.txt: installed when root, else one line saying what to install.
packages-demo packages-test packages-cluster:
	@tools/debian-packages $(@:packages-%=%)

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var >/dev/null

demo: packages-demo install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py update_index >/dev/null
	@echo ""
	@echo "  Site (Thai):    http://$(HOST):$(PORT)/th/"
	@echo "  Site (English): http://$(HOST):$(PORT)/en/"
	@echo "  Admin:          http://$(HOST):$(PORT)/admin/"
	@echo "  Verify a certificate: http://$(HOST):$(PORT)/th/verify/"
	@echo "  Demo logins are listed above. Ctrl-C stops the server and the task worker."
	@echo ""
	@$(PY) manage.py db_worker --no-reload -v 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

# The whole suite on one pytest-xdist worker per CPU, each with its own test database; each test module runs whole
# on one worker, so a module-scoped fixture (the started cluster) is built once.
PYTEST_ARGS ?= -n auto --dist loadscope

test: packages-test install messages
	$(PY) -m pytest $(PYTEST_ARGS)

# The production topology on loopback from deploy/: nginx, 2 app servers, Redis, PostgreSQL, db_worker, faults.
cluster: packages-cluster install messages
	$(PY) -m bench.cluster $(CLUSTER_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var db.sqlite3

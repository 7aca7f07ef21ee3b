# Futian HK & Macau Youth Portal — developer and CI entry points (GNU make).
#   make run        migrate, seed, demo users, dev server on http://127.0.0.1:8000/
#   make test       pytest on SQLite (ARGS="-k foo" to pass options)
#   make test-pg    pytest on PostgreSQL (PG_URL overrides the server)
#   make lint       ruff check + ruff format --check
#   make bench      gunicorn + wrk benchmark (BENCH_ARGS="--duration 30")
#   make bench-smoke  short benchmark run that only checks every page answers
#   make messages   makemessages + compilemessages for zh_Hant, en, zh_Hans

PY ?= python3
VENV = .venv
PYTHON = $(VENV)/bin/python
MANAGE = $(PYTHON) manage.py
ARGS ?=
BENCH_ARGS ?=
PG_URL ?= postgres://postgres@127.0.0.1:5432/portal
CHROMIUM ?= /usr/bin/chromium

# Stamp files: reinstall only when a requirements file changes.
RUNTIME_STAMP = $(VENV)/.installed-runtime
DEV_STAMP = $(VENV)/.installed-dev

.DEFAULT_GOAL := help

.PHONY: help venv install install-dev run test test-pg lint bench bench-smoke messages chromium wrk clean

help:
	@sed -n 's/^#   //p' $(MAKEFILE_LIST)

$(PYTHON):
	$(PY) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	@touch $(RUNTIME_STAMP) $@

venv install: $(RUNTIME_STAMP)

install-dev: $(DEV_STAMP)

run: $(RUNTIME_STAMP)
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) seed_catalogue
	DEBUG=1 $(MANAGE) create_demo_users
	DEBUG=1 $(MANAGE) create_demo_places
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

# Install Debian's package $(1) providing $(2) when missing and we are root with apt-get;
# otherwise just say so and carry on.
define apt_ensure
	@if [ -x "$(2)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing $(1) with apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
	else \
		echo "NOTE: $(2) not found and cannot install $(1) (not root / no apt-get); continuing."; \
	fi
endef

chromium:
	$(call apt_ensure,chromium,$(CHROMIUM))

wrk:
	$(call apt_ensure,wrk,/usr/bin/wrk)

# Browser tests skip locally when Chromium is missing, but fail in CI (CI=true or REQUIRE_BROWSER=1).
test: $(DEV_STAMP) chromium
	$(VENV)/bin/pytest $(ARGS)

test-pg: $(DEV_STAMP) chromium
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest $(ARGS)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(DEV_STAMP) wrk
	$(PYTHON) scripts/bench.py $(BENCH_ARGS)

bench-smoke: $(DEV_STAMP) wrk
	$(PYTHON) scripts/bench.py --smoke $(BENCH_ARGS)

messages: $(RUNTIME_STAMP)
	mkdir -p locale
	$(MANAGE) makemessages -l zh_Hant -l en -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=test-artifacts
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf .pytest_cache .ruff_cache staticfiles test-artifacts
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

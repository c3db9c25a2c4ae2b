# One Makefile drives setup, run, test, bench and package.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
DEMO_HOME ?= $(CURDIR)/.demo-home
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup system venv translations run demo test bench package screenshots lint clean

setup: system venv translations

# PostgreSQL too: tests/sync runs every server test on SQLite and on a PostgreSQL cluster
# it starts itself (a missing PostgreSQL fails those tests, it never skips them)
system:
	@bash packaging/setup-debian.sh --with-postgres

$(VENV)/.installed: requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=23.2"
	$(PY) -m pip install -q --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

venv: $(VENV)/.installed

translations: venv
	@$(PY) -m ui.translations_build

run: setup
	@$(PY) -m desktop.demo_home "$(DEMO_HOME)"
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then unset QT_QPA_PLATFORM; \
	  else echo "no display: starting offscreen (stop with Ctrl+C)"; fi; \
	  $(VENV)/bin/donghaeng --home "$(DEMO_HOME)" --worker demo

test: setup
	@bash tests/run-all.sh

bench: setup
	$(PY) tests/bench/run.py

package: setup
	$(PY) packaging/build.py

screenshots: setup
	$(PY) -m ui.screenshots docs/screenshots

# Style (ruff), the import layering (import-linter: contracts in pyproject.toml) and types
# (mypy on forms/ crypto/ desktop/ sync/, config in pyproject.toml). All three run, so one
# failure does not hide another's; the target fails if any did.
lint: venv
	@rc=0; \
	echo "== ruff"; $(VENV)/bin/ruff check . || rc=1; \
	echo "== import-linter"; $(VENV)/bin/lint-imports --no-cache || rc=1; \
	echo "== mypy"; $(VENV)/bin/mypy || rc=1; \
	exit $$rc

clean:
	rm -rf build dist .demo-home

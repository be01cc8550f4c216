# Developer and CI entry points. Only `python3 -m venv` uses the system Python;
# everything else runs from .venv. Stamp files inside .venv re-run pip only when
# a requirements file changes (and vanish with the venv).

VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
# DEBUG on for local commands: the settings refuse to start without a secret key otherwise.
MANAGE := DJANGO_DEBUG=1 $(PY) $(CURDIR)/manage.py
PYTEST_ARGS ?= -n auto

.DEFAULT_GOAL := help
.PHONY: help venv run test test-postgres lint messages wagtail-th wagtail-th-missing bench clean distclean

help:
	@echo "make venv      create .venv with the development requirements"
	@echo "make run       migrate, load demo content, serve on http://127.0.0.1:8000/"
	@echo "make test      run the test suite (PYTEST_ARGS=..., DATABASE_URL=... honoured)"
	@echo "make test-postgres  the test suite again on a throwaway PostgreSQL cluster"
	@echo "make lint      ruff check + ruff format --check"
	@echo "make messages  update and compile the Thai catalogues"
	@echo "make wagtail-th  build Thai for Wagtail's admin (wagtail-th-missing: what lacks Thai)"
	@echo "make bench     run the benchmarks"
	@echo "make clean     remove build artefacts and caches (distclean: also .venv)"

$(PY):
	python3 -m venv $(VENV)

$(VENV)/.stamp-requirements: requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	touch $@

# requirements-dev.txt includes requirements.txt with -r.
$(VENV)/.stamp-requirements-dev: requirements-dev.txt requirements.txt | $(PY)
	$(PIP) install -r requirements-dev.txt
	touch $@

venv: $(VENV)/.stamp-requirements-dev

# System packages (Pango for PDFs; Chromium, poppler, Redis for tests; PostgreSQL): installed
# when running as root with apt-get, otherwise one line names what is missing and how to
# install it. The same list serves CI (scripts/system-packages.sh).
run: $(VENV)/.stamp-requirements
	@bash scripts/system-packages.sh run
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

# axe-core for the accessibility browser test (npm; skipped with a hint when npm is missing).
node_modules/.stamp: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility test will be skipped (apt-get install npm)"; fi

test: $(VENV)/.stamp-requirements-dev system-packages-test node_modules/.stamp
	$(VENV)/bin/pytest $(PYTEST_ARGS)

.PHONY: system-packages-test
system-packages-test:
	@bash scripts/system-packages.sh test

# The PostgreSQL-only tests (simultaneous writers) and the rest once more on PostgreSQL.
# Browser journeys and install profiles (packaging, sites without optional apps) do not
# depend on the database engine and already ran in `make test`: left out here unless
# PG_TESTS= (empty) asks for everything.
PG_TESTS ?= -m "not browser and not install"
test-postgres: $(VENV)/.stamp-requirements-dev system-packages-test node_modules/.stamp
	@bash scripts/system-packages.sh postgres
	@eval "$$(bash .ci/postgres.sh start)" && echo "DATABASE_URL=$$DATABASE_URL" && status=0 && \
		{ $(VENV)/bin/pytest $(PYTEST_ARGS) $(PG_TESTS) || status=$$?; }; bash .ci/postgres.sh stop; \
		if [ -n '$(PG_TESTS)' ]; then echo "NOT REPEATED on PostgreSQL: browser journeys and install profiles (they ran on SQLite in make test; all of them: make test-postgres PG_TESTS=)"; fi; \
		exit $$status

lint: $(VENV)/.stamp-requirements-dev
	$(VENV)/bin/ruff check .
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff format --check .

# The package's catalogue lives in moit_wagtail/locale (shipped in the wheel); the
# site's (home/, site/) goes to LOCALE_PATHS[0], site/moit_site/locale.
# makemessages sends a file's strings to the nearest existing locale/ above it,
# so moit_wagtail/locale must exist before the first run. moit_wagtail/wagtail_th has its
# own locale/, built by `make wagtail-th`: makemessages --no-obsolete would empty it.
messages: $(VENV)/.stamp-requirements
	mkdir -p moit_wagtail/locale
	cd moit_wagtail && $(MANAGE) makemessages -l th --no-location --no-obsolete -i wagtail_th
	$(MANAGE) makemessages -l th --no-location --no-obsolete \
		-i moit_wagtail -i tests -i bench -i docs -i build -i dist -i node_modules
	$(MANAGE) compilemessages -l th \
		-i '.*' -i node_modules -i build -i dist -i wagtail_th

# Thai for Wagtail's own admin (moit_wagtail.wagtail_th), separate from our catalogues above:
# merge the translators' po/*.po into locale/th and compile. After a Wagtail upgrade,
# wagtail-th-missing lists the new release's msgids without Thai (WAGTAIL_TH_ARGS=--strict
# fails on any; --summary prints counts only).
wagtail-th: $(VENV)/.stamp-requirements
	$(PY) -m moit_wagtail.wagtail_th.build
	$(PY) -m moit_wagtail.wagtail_th.template_fixes

wagtail-th-missing: $(VENV)/.stamp-requirements
	DJANGO_DEBUG=1 DJANGO_SETTINGS_MODULE=moit_site.settings PYTHONPATH=$(CURDIR)/site \
		$(PY) -m moit_wagtail.wagtail_th.missing $(WAGTAIL_TH_ARGS)

bench: $(VENV)/.stamp-requirements-dev
	$(PY) bench/run_all.py

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache bench/.work
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)

# Two entry points for a fresh clone: `make serve` and `make test`.
# Each installs whatever is missing first: a virtualenv from requirements.txt
# and the front-end libraries (Mermaid, KaTeX) from package-lock.json.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

# Reproducible builds: timestamps (sitemap, archives) come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve serve-full serve-en check test screenshots build pdf deps

deps: $(VENV)/.installed node_modules/.installed

# Re-installs only when requirements.txt or the project's package list (pyproject.toml) changes.
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Re-installs only when node_modules is missing or package(-lock).json changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# A preview of the page being edited: what it does not need (the print page) is left out, as
# Material's convention for previews has it (FULL_SITE=false: mkdocs.yml, print-site's `enabled`).
ADDR ?= 127.0.0.1:8000
serve: deps
	FULL_SITE=false $(BIN)/mkdocs serve --dev-addr $(ADDR)

# The whole site under `mkdocs serve`, the print page included.
serve-full: deps
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

# The English edition on its own (mkdocs.en.yml), at /en/ as deployed: its citations need a
# site URL ending in the edition's path (citations/build.py). `make build` writes both editions.
EN_ADDR ?= 127.0.0.1:8001
serve-en: deps
	FULL_SITE=false SITE_URL=http://$(EN_ADDR)/en/ $(BIN)/mkdocs serve -f mkdocs.en.yml --dev-addr $(EN_ADDR)

build: deps
	$(BIN)/mkdocs build --strict

# The site as `make build` writes it, plus the PDF edition (print_edition/), offered on its pages.
pdf: deps
	PDF=1 $(BIN)/mkdocs build --strict

# The fast tier, about a minute and no site build: Ruff's lint and format check (configured in
# pyproject.toml), every test module importable (collected, not run), then the unit tests of
# every package (tests/unit/).
check: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -p no:xdist --collect-only tests > /dev/null || $(BIN)/python -m pytest -q -p no:xdist --collect-only tests
	$(BIN)/python -m pytest -q -p no:xdist tests/unit

# Everything: `make check` first (a lint or unit failure is reported in a minute), then the
# rest on two workers (pytest-xdist; the machine's two cores), each dealt whole modules: a
# module's fixtures (a project copy built, a model trained, a set of page loads) are made
# once, and the site is built once for both (tests/helpers.py: once_per_run).
# `make test PYTEST_WORKERS=0` runs the rest in one process.
PYTEST_WORKERS ?= 2
test: check
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --ignore=tests/unit

# Every page in every view (light/dark × 1280/390 px) and the citation blocks photographed to
# tests/screenshots/ for a human look, while their checks run; no test reads the pictures.
screenshots: deps
	SCREENSHOTS=1 $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile \
		tests/browser/test_pages_desktop.py tests/browser/test_pages_phone.py tests/browser/test_citations_browser.py

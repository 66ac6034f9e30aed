# Two entry points for a fresh clone: `make serve` and `make test`.
# Each installs whatever is missing (a virtualenv from requirements.txt) first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

# Reproducible builds: timestamps (sitemap, archives) come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve test build deps

deps: $(VENV)/.installed

# Re-installs only when requirements.txt changes.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

serve: deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: deps
	$(BIN)/mkdocs build --strict

test: deps
	$(BIN)/python -m pytest

# The README's two commands: `make serve` and `make test`. Both install what they need first.
PYTHON ?= python3.11
VENV := .venv
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench figures

serve: $(VENV)/installed node_modules/installed
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(VENV)/installed node_modules/installed
	$(VENV)/bin/python -m pytest

build: $(VENV)/installed node_modules/installed
	$(VENV)/bin/mkdocs build --strict

# Redraw every figure in docs/figures/ from its code in figures/ (the suite fails on a stale one).
figures: $(VENV)/installed
	$(VENV)/bin/python -m figures

bench: $(VENV)/installed node_modules/installed
	$(VENV)/bin/python bench/pages.py
	$(VENV)/bin/python bench/author_loop.py

$(VENV)/installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The README's two commands: `make serve` and `make test`. Both install what they need first.
PYTHON ?= python3.11
VENV := .venv
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve check test screenshots build bench figures notebook notebook-check notebook-seeds test-torch-next test-frameworks

# `make serve PORT=8001` serves on another port. --dirty: a save rebuilds only the pages that
# changed, so an example's failure shows within seconds; restart it after changing the nav or a
# page's title, which other pages show.
PORT ?= 8000
serve: $(VENV)/installed node_modules/installed
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

# The quick check of one page while writing it (README, "Writing a page"): its examples, whether
# any output depends on the seeds, every block run, and a strict build into a temporary folder.
check: $(VENV)/installed node_modules/installed
	$(if $(PAGE),,$(error say which page: make check PAGE=docs/explainer/maths.md))
	$(VENV)/bin/python -m pytest -q $(PAGE) tests/test_seed_portability.py tests/test_every_block_runs.py
	site=$$(mktemp -d) && $(VENV)/bin/mkdocs build --strict --quiet --site-dir $$site; \
		status=$$?; rm -rf $$site; exit $$status

# Both cores: the tests that use the built site and the others run side by side (tests/conftest.py,
# --half); the site's half reports after the other's.
test: $(VENV)/installed node_modules/installed
	@log=$$(mktemp); \
	$(VENV)/bin/python -m pytest --half site >$$log 2>&1 & site=$$!; \
	$(VENV)/bin/python -m pytest --half rest; rest=$$?; \
	wait $$site; status=$$?; cat $$log; rm -f $$log; \
	exit $$(( rest || status ))

build: $(VENV)/installed node_modules/installed
	$(VENV)/bin/mkdocs build --strict

# Every page and explorable as a reader sees it, to look at after a change: screenshots/ gets one
# PNG per page (or explorable), width and palette, from the browser tests run with --screenshots.
screenshots: $(VENV)/installed node_modules/installed
	$(VENV)/bin/python -m pytest -q --screenshots tests/test_browser.py::test_page_as_readers_see_it \
		tests/test_explorables.py::test_explorable_in_both_palettes_and_widths

# Redraw every figure in docs/figures/ from its code in figures/ (the suite fails on a stale one).
figures: $(VENV)/installed
	$(VENV)/bin/python -m figures

# The hands-on notebook (sitetools/notebook.py): store fresh outputs after an edit; compare a
# fresh run with its own seeds with the stored outputs, exactly (the suite runs it once, seeds
# moved, within each cell's tolerance); check its claims with 30 other seeds (30 runs, 2 at a time).
NOTEBOOK := docs/notebooks/hands-on.ipynb
notebook: $(VENV)/installed
	$(VENV)/bin/python -m sitetools.notebook update $(NOTEBOOK)

notebook-check: $(VENV)/installed
	$(VENV)/bin/python -m sitetools.notebook check $(NOTEBOOK)

notebook-seeds: $(VENV)/installed
	$(VENV)/bin/python -m sitetools.notebook check_seed_shifts $(NOTEBOOK)

# The doc suite and the notebook on the newest torch release pip offers too, in a second
# environment: requirements.txt with that torch instead of the pinned one.
TORCH_NEXT := 2.14.1
VENV_NEXT := .venv-torch-$(TORCH_NEXT)
test-torch-next: $(VENV_NEXT)/installed
	$(VENV_NEXT)/bin/python -m pytest docs tests/test_notebook.py
	$(VENV_NEXT)/bin/python -m pytest docs --redirect-seeds

$(VENV_NEXT)/installed: requirements.txt pyproject.toml
	test -d $(VENV_NEXT) || $(PYTHON) -m venv $(VENV_NEXT)
	sed '/^torch==/d' requirements.txt > $(VENV_NEXT)/requirements.txt
	$(VENV_NEXT)/bin/python -m pip install --quiet --disable-pip-version-check -r $(VENV_NEXT)/requirements.txt torch==$(TORCH_NEXT)
	$(VENV_NEXT)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

# The conventions page's Keras and Flax examples, in an environment with those libraries too
# (requirements-frameworks.txt): importing them takes longer than the whole doc suite, so the
# main environment skips those examples and this one runs the page whole.
VENV_FRAMEWORKS := .venv-frameworks
test-frameworks: $(VENV_FRAMEWORKS)/installed
	$(VENV_FRAMEWORKS)/bin/python -m pytest docs/beyond/conventions.md
	$(VENV_FRAMEWORKS)/bin/python -m pytest docs/beyond/conventions.md --redirect-seeds

$(VENV_FRAMEWORKS)/installed: requirements.txt requirements-frameworks.txt pyproject.toml
	test -d $(VENV_FRAMEWORKS) || $(PYTHON) -m venv $(VENV_FRAMEWORKS)
	$(VENV_FRAMEWORKS)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-frameworks.txt
	$(VENV_FRAMEWORKS)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

bench: $(VENV)/installed node_modules/installed
	$(VENV)/bin/python -m bench.pages --runs 5
	$(VENV)/bin/python -m bench.author_loop

# Each stamp holds what it was installed from: a fresh checkout (or a git worktree sharing these
# folders), whose files are newer but the same, reinstalls nothing.
$(VENV)/installed: requirements.txt pyproject.toml
	cat $^ | cmp -s - $@ || { \
		{ test -d $(VENV) || $(PYTHON) -m venv $(VENV); } && \
		$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt && \
		$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .; }
	cat $^ > $@

node_modules/installed: package-lock.json
	cmp -s $< $@ || npm ci --no-audit --no-fund
	cp $< $@

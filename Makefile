# `make html` and `make test` set everything up on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet
SPHINXOPTS ?= -W --keep-going
DOCS   := docs
OUT    := $(DOCS)/_build
RUFF_PATHS := src tests benchmarks audit docs/conf.py

VENV_MIN := .venv-min

.PHONY: html test test-min lint livehtml bench audit reference clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip

# One stamp per set of extras, remade when pyproject.toml changes.
$(VENV)/.site: pyproject.toml | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.%: pyproject.toml $(VENV)/.site
	$(PIP) -e ".[$*]"
	touch $@

# Doctrees beside the site, not in it: everything in html/ may be published.
html: $(VENV)/.site
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) -d $(OUT)/doctrees $(DOCS) $(OUT)/html

test: $(VENV)/.test
	$(BIN)/ruff check $(RUFF_PATHS)
	$(BIN)/ruff format --check $(RUFF_PATHS)
	$(BIN)/python -m pytest

# The lowest version of every runtime dependency pyproject.toml allows (tests/floors.py), in
# a venv of its own; the fast suite, which builds the real site with -W, must pass there.
test-min:
	test -x $(VENV_MIN)/bin/python || $(PYTHON) -m venv $(VENV_MIN)
	$(PYTHON) tests/floors.py > $(VENV_MIN)/floors.txt
	$(VENV_MIN)/bin/python -m pip install --quiet -c $(VENV_MIN)/floors.txt -e ".[test]"
	$(VENV_MIN)/bin/python -m pytest --ignore=tests/browser -p no:cacheprovider

lint: $(VENV)/.test
	$(BIN)/ruff check --fix $(RUFF_PATHS)
	$(BIN)/ruff format $(RUFF_PATHS)

# Rebuild on save. sphinx-autobuild ignores its own output folder; editor swap files are
# ignored too, so a save triggers one rebuild and the build never triggers another.
livehtml: $(VENV)/.live
	$(BIN)/sphinx-autobuild $(DOCS) $(OUT)/html $(SPHINXOPTS) -d $(OUT)/doctrees --watch src/portfolio \
		--ignore "*.swp" --ignore "*~" --ignore "*/.#*" --ignore "*/4913"

# Synthetic portfolios of 100 and 1,000 projects against plain Sphinx, ablog and sphinx-tags.
bench: $(VENV)/.bench
	$(BIN)/python benchmarks/run.py

# Lighthouse on every page type (needs Node.js and /usr/bin/chromium); writes audit/results.json.
audit: html
	$(BIN)/python audit/run.py $(OUT)/html

# The README's options tables, made from the options' declarations (a test checks them).
reference: $(VENV)/.site
	$(BIN)/python -m portfolio.reference README.md

clean:
	rm -rf $(OUT)

# `make html` and `make test` set everything up on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SPHINXOPTS ?= -W --keep-going
DOCS   := docs
OUT    := $(DOCS)/_build

.PHONY: html test lint livehtml bench audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,live]"
	touch $@

html: $(VENV)/.installed
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) $(DOCS) $(OUT)/html

test: $(VENV)/.installed
	$(BIN)/ruff check src tests docs/conf.py
	$(BIN)/ruff format --check src tests docs/conf.py
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check --fix src tests docs/conf.py
	$(BIN)/ruff format src tests docs/conf.py

# Rebuild on save; the build folder is outside what is watched, so it never loops.
livehtml: $(VENV)/.installed
	$(BIN)/sphinx-autobuild $(DOCS) $(OUT)/html -W --keep-going --watch src/portfolio \
		--ignore "*/_build/*" --ignore "*.swp" --ignore "*~" --ignore "*/.#*"

# Synthetic portfolios of 100 and 1,000 projects against plain Sphinx, ablog and sphinx-tags.
bench: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run.py

# Lighthouse on every page type (needs Node.js and /usr/bin/chromium); writes audit/results.json.
audit: html
	$(BIN)/python audit/run.py docs/_build/html

clean:
	rm -rf $(OUT)

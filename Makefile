# Two commands do everything on a fresh machine with Python 3.11+, make and root:
#   make run    set up, then start Meldpunt (demo channels when no Telegram credentials)
#   make test   set up, then lint, type-check and run the whole suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The offer classifier is trained from the labelled set in the repository, not downloaded;
# it is built again when the set or the analyser's reading of text changes.
MODEL := data/models/offer_classifier/meta.json
MODEL_INPUTS := data/eval/dev.jsonl $(wildcard nlp/*.py nlp/components/*.py data/lexicons/*.yaml)

.PHONY: run test setup browser lint typecheck pytest bench clean

run: setup
	$(BIN)/meldpunt run

test: setup browser lint typecheck pytest

setup: $(STAMP) $(MODEL)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Meldpunt needs Python 3.11 or newer"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(MODEL): $(STAMP) $(MODEL_INPUTS)
	$(BIN)/meldpunt nlp train

# The browser tests drive Debian's chromium (Playwright's own browser download cannot work
# here). Installed when missing and we are root; otherwise the browser test says what to do.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "note: browser tests need Debian's chromium: sudo apt-get install chromium"; \
		fi; \
	fi

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/nlp_hostile.py

clean:
	rm -rf $(VENV) data/models .mypy_cache .ruff_cache .pytest_cache .hypothesis

# The two quick-start commands (`make run`, `make test`) and a few more. Each target creates the
# virtualenv and installs what it needs, so they work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench bench-quick demo clean messages compile-messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/diarybot

# The suite runs in up to four processes (pytest-xdist, one per CPU); TEST_WORKERS=0 runs it in
# this one (for a debugger, or to rule the parallel run out when a test misbehaves).
TEST_WORKERS ?= auto

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --maxprocesses 4

lint: $(VENV)/.installed-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

bench-quick: $(VENV)/.installed-test
	$(BIN)/python -m bench --quick

demo: $(VENV)/.installed-run
	$(BIN)/diarybot demo --out demo-output

# Translations (README, "Languages"). `messages` extracts every text into the template and
# merges it into each language's catalog; `compile-messages` builds the .mo files the bot loads.
# Both results are committed: an install needs no build step, and CI checks they are up to date
# (tests/unit/test_catalogs.py runs the same EXTRACT_OPTIONS). The template's date changes only
# when its messages do, so running `make messages` on unchanged code leaves no diff.
# Messages the code no longer uses are dropped from the catalogs (--ignore-obsolete): translators
# see only live texts, and git keeps the old ones.
LOCALE_DIR := diarybot/locale
POT := $(LOCALE_DIR)/diarybot.pot
EXTRACT_OPTIONS := -F babel.cfg -k _ -k ngettext:1,2 -k pgettext:1c,2 -k N_ --add-comments=Translators: --sort-by-file --project=diarybot --version=1 --copyright-holder=diarybot --header-comment="\# Translations of diarybot, a Telegram pain diary."

messages: $(VENV)/.installed-test
	$(BIN)/pybabel extract $(EXTRACT_OPTIONS) -o $(POT).new .
	if diff -q -I '^"POT-Creation-Date:' $(POT) $(POT).new >/dev/null 2>&1; \
	then rm $(POT).new; else mv $(POT).new $(POT); fi
	$(BIN)/pybabel update -i $(POT) -d $(LOCALE_DIR) -D diarybot --ignore-obsolete

compile-messages: $(VENV)/.installed-test
	$(BIN)/pybabel compile -d $(LOCALE_DIR) -D diarybot --statistics

clean:
	rm -rf $(VENV) demo-output

# The two commands: `make run` and `make test`. Every step is idempotent:
# a second run skips what is already done (stamps and the index manifest).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Extra pip options for torch, e.g. TORCH_PIP_ARGS="--index-url <CPU wheel index>"
# on a machine whose pip would otherwise pick a CUDA build.
TORCH_PIP_ARGS ?=
STAMP := $(VENV)/.installed-stamp
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: setup model index run system-packages test test-fast chat bot lint bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(PIP) install torch==2.13.0 $(TORCH_PIP_ARGS)
	$(PIP) install -r requirements.txt -r requirements-dev.txt
	$(PIP) install --no-deps -e .
	touch $@

setup: $(STAMP)

# Prepares the default embedding model into NTM_DATA_DIR (no-op when ready).
model: setup
	$(BIN)/ntm model prepare

# Builds or updates the index from knowledge/ (no-op when up to date).
index: model
	$(BIN)/ntm index

# Bot when TELEGRAM_BOT_TOKEN is set (environment or .env), console chat otherwise. Both bring the
# index up to date themselves: the bot in the background while it already answers, the chat first.
# Prints one line when the system packages for scanned PDFs and .doc are missing (and runs anyway).
run: model system-packages
	$(BIN)/ntm run

system-packages:
	@missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	tesseract --list-langs 2>/dev/null | grep -qx vie || missing="$$missing tesseract-ocr-vie"; \
	command -v antiword >/dev/null 2>&1 || missing="$$missing antiword"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	[ -z "$$missing" ] || echo "Thiếu gói hệ thống để đọc PDF scan (OCR) và Word .doc: sudo apt-get install$$missing"

# The whole suite, what CI runs.
test: model
	$(BIN)/python -m pytest -q

# Only the tests that load no model, build no index and start no subprocess (conftest marks the rest slow).
test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: index
	$(BIN)/ntm bench

eval: index
	$(BIN)/ntm eval knowledge/eval/dev.jsonl
	$(BIN)/ntm eval knowledge/eval/typos.jsonl

clean:
	rm -rf $(VENV) var

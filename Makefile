# Every target bootstraps .venv itself, so a fresh clone needs nothing but python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: generate test check bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

generate: $(STAMP)
	$(BIN)/statusgen generate

check: $(STAMP)
	$(BIN)/statusgen generate --check
	$(BIN)/mypy --strict generated/
	$(BIN)/ruff check generated/
	$(BIN)/mypy generator/
	$(BIN)/ruff check generator/ tests/

test: check
	$(BIN)/pytest

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/load_pollers.py --json bench/load_pollers.json

# A larger fuzzing campaign than `make test` runs (which uses 60 examples).
fuzz: $(STAMP)
	STATUSGEN_FUZZ_EXAMPLES=$${STATUSGEN_FUZZ_EXAMPLES:-5000} $(BIN)/pytest -s -p no:cacheprovider tests/test_fuzz.py

clean:
	rm -rf $(VENV) build *.egg-info

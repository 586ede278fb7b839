# Every target bootstraps .venv itself, so a fresh clone needs nothing but python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: generate test quick check bench fuzz clean

# setuptools says, on every editable install whose package folder is mapped (generator/ ->
# statusgen), that folders named like the package may shadow it: nothing here is, so the
# bootstrap keeps that note from burying what make prints.
EDITABLE_QUIET := PYTHONWARNINGS=ignore::UserWarning:setuptools.command.editable_wheel

# An environment may set PYTHONDONTWRITEBYTECODE (CI images and sandboxes do): every process
# of a run (both pytest workers, each statusgen, mypy and black child) then compiles every
# module it imports again, about a second of CPU per process, and the workers rewrite every
# test module's asserts again. make's processes keep bytecode, under .venv so the tree stays
# as it was.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(CURDIR)/$(VENV)/pycache

# uv resolves and installs the test dependencies in a few seconds where pip took most of a
# fresh clone's bootstrap. uv itself comes from the pip beside $(PYTHON) (`pip --python`),
# so the venv skips ensurepip's copy of pip (4 of a fresh clone's ~8 s of set-up); a Python
# without pip of its own puts one in the venv instead. `uv pip` serves the venv either way.
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python
PIP_QUIET := --quiet --disable-pip-version-check

# The bootstrap runs without that prefix: pip's own modules and the build backend's are compiled
# where they are installed, once per machine, where a fresh clone's empty prefix compiled them
# again on every clone (pip 5.6 -> 3.0 s, uv's install 3.4-4.0 -> 2.1-2.9 s).
BOOTSTRAP := env -u PYTHONPYCACHEPREFIX

$(STAMP): pyproject.toml
	$(PYTHON) -m venv --without-pip $(VENV)
	$(BOOTSTRAP) $(PYTHON) -m pip $(PIP_QUIET) --python $(BIN)/python install uv==0.13.9 \
		2>/dev/null || { $(BIN)/python -m ensurepip --default-pip >/dev/null \
			&& $(BIN)/pip install $(PIP_QUIET) uv==0.13.9; }
	$(BOOTSTRAP) $(EDITABLE_QUIET) $(UV) -e '.[test]'
	touch $(STAMP)

generate: $(STAMP)
	$(BIN)/python -c 'from statusgen.render.precompile import main; main()'
	$(BIN)/statusgen generate

# One mypy run for generated/ and generator/ (both --strict): a fresh clone has no
# .mypy_cache, and a second run analysed the standard library's stubs again. Two workers
# (mypy's parallel mode, `--num-workers`): modules that do not import one another are checked
# side by side, 10.7 -> 7.0 s on a fresh clone's empty cache with two cores; the cache it
# leaves is the one the tests' own mypy runs start from (tests/conftest.py).
check: $(STAMP)
	$(BIN)/statusgen generate --check
	$(BIN)/mypy --strict --num-workers 2 generated/ generator/
	$(BIN)/ruff check generated/ generator/ tests/

# Three workers for two cores: a worker waiting on a real server's Retry-After, a poll
# timeout or a child process leaves its core to the others (102.6 s against 112.6 s with two,
# the same CPU). loadfile keeps a module on one worker, so its module fixtures are built once
# (loadgroup does not group under pytest 9). --no-loadscope-reorder: xdist otherwise hands
# out files by their number of tests, most first, so the few-test files that cost most ran
# last on one worker while the others idled; conftest orders files heaviest first instead.
XDIST := -n 3 --dist loadfile --no-loadscope-reorder

# A fresh clone's first collection of the suite rewrites every test module's asserts and
# compiles every library the tests import: 11.6 s against 3.3 s once cached, and the three
# workers, started together, each did all of it. Two collections of half the suite each, made
# once per venv while `check` runs, do it for all three (a fresh clone's `make test`: 115 ->
# 108-111 s).
WARM := tests/runtime tests/e2e
WARMED := $(VENV)/.collected

$(WARMED): $(STAMP)
	$(BIN)/pytest --collect-only -p no:cacheprovider $(WARM) >/dev/null 2>&1 & \
		$(BIN)/pytest --collect-only -p no:cacheprovider $(WARM:%=--ignore=%) >/dev/null 2>&1; \
		wait
	touch $@

test: $(STAMP)
	$(MAKE) --no-print-directory -j2 check $(WARMED)
	$(BIN)/pytest $(XDIST)

# The inner loop: no lint, no generate --check, no real processes, wheels or venvs.
quick: $(STAMP)
	$(BIN)/pytest -m "not slow" $(XDIST)

$(BENCH_STAMP): $(STAMP)
	$(BOOTSTRAP) $(EDITABLE_QUIET) $(UV) -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py --big-repeat 3
	$(BIN)/python bench/load_pollers.py --json bench/load_pollers.json

# A larger fuzzing campaign than `make test` runs: `make test` is the quick guard (30 hostile
# specs; a fifth of each property test's examples), this is the search (5000 hostile specs;
# the property tests below under the fuzz profile, STATUSGEN_FUZZ=1: their full counts).
FUZZED := tests/e2e/test_hostile_spec_fuzzing.py tests/runtime/test_model_round_trips.py \
	tests/render/test_escaping.py tests/validation/test_clean_specs.py

fuzz: $(STAMP)
	STATUSGEN_FUZZ=1 STATUSGEN_FUZZ_EXAMPLES=$${STATUSGEN_FUZZ_EXAMPLES:-5000} \
		$(BIN)/pytest -s -p no:cacheprovider $(FUZZED)

clean:
	rm -rf $(VENV) build *.egg-info

# Two commands on a fresh machine: `make site` and `make test`. Each sets up .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve golden bench clean

site: $(STAMP)
	$(BIN)/python build.py build $(BUILD_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/python build.py serve

# Refresh the expected output of the small fixture site after a deliberate change; review the diff.
golden: $(STAMP)
	$(BIN)/python -m tests.golden

# ratify against the floor of its stack and Hugo on a synthetic corpus (see bench/run.py); a few minutes.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(BIN)/python -m bench.run $(BENCH_ARGS)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

clean:
	rm -rf public .pytest_cache

# Two commands on a fresh machine: `make site` and `make test`. Each sets up .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# npm writes this file on every install; the tools of the quality checks (tests/test_quality.py) are there.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: site test test-engine serve cms vendor-cms golden bench mutate clean

site: $(STAMP)
	$(BIN)/python build.py build $(BUILD_ARGS)

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

# The engine's tests alone, on their own fixtures: what a site whose content is not the bundled one can run.
test-engine: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -m "not bundled"

serve: $(STAMP)
	$(BIN)/python build.py serve

# The editor in the browser on this computer: run it beside `make serve` and open http://localhost:8000/admin/.
# decap-server (npm) writes the files the editor saves into this folder; commit them with git as usual.
cms: $(NODE_STAMP)
	GIT_REPO_DIRECTORY="$(CURDIR)" MODE=fs node_modules/.bin/decap-server

# Copy the editor (Decap CMS, the version package.json pins) into ratify/admin_files/ after changing that version.
vendor-cms: $(NODE_STAMP)
	sh scripts/vendor-cms.sh

# Refresh the expected output of the small fixture site after a deliberate change; review the diff.
golden: $(STAMP)
	$(BIN)/python -m tests.golden

# ratify against the floor of its stack and Hugo on a synthetic corpus (see bench/run.py); a few minutes.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Mutation testing (mutmut, settings in setup.cfg) of the code behind the README's promises: the atomic swap, the
# health report, the Content-Security-Policy, the preview's memory. More than half an hour on two cores; a second run
# resumes where the first stopped. `$(BIN)/mutmut results` lists the survivors, `mutmut show NAME` one of them.
MUTANTS := "ratify.write.*" "ratify.check.*" "ratify.render.x_content_security_policy__mutmut_*" "ratify.preview.*"
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-mutation.txt
	$(BIN)/mutmut run $(MUTANTS)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# Only `make test` needs the npm packages (the Nu Html Checker and Lighthouse), so `make site` works without npm.
# --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used instead.
$(NODE_STAMP): package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --ignore-scripts; \
	else npm install --no-audit --no-fund --ignore-scripts; fi
	touch $(NODE_STAMP)

clean:
	rm -rf public .pytest_cache

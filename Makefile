# minegraph — the two set-up commands of the README are `make run` and `make test`.
# Each creates .venv when it is missing and installs the project (with the pinned
# versions of constraints.txt) before doing its job.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run test build validate bench serve clean lock docs-outputs

# Each larger target (endpoint, browser, scale-out, load) keeps its recipe in a file of its own.
-include mk/*.mk

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# `make run` installs only what the main job needs; `make test` adds the test tools and every extra.
# The wheel (and an editable install) carries the query page's YASGUI build from node_modules/.
$(RUN_STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python $(NODE_ASSETS)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[run]'
	@touch $(RUN_STAMP)

$(STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python $(NODE_ASSETS)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@# pyLODE caches its background ontologies (and their titles) in its own package folder on first use: the
	@# release's ontology page (pyLODE's only use; both caches) is rendered once here, in memory, so that no test
	@# writes into the virtual environment (the tests' write audit refuses that). The page alone: 1 s, not a release's 4.
	$(BIN)/python -c 'from pathlib import Path; from minegraph.publish.export.docs_html import pylode_page; \
pylode_page(Path("ontology/minegraph.ttl"))'
	@touch $(STAMP) $(RUN_STAMP)

## The main job: validate the graph, then print who said what, the membership summary and headline queries.
run: $(RUN_STAMP)
	$(BIN)/minegraph run

## Every test (pytest exit code 5, "no tests ran", is a failure too), on TEST_WORKERS pytest-xdist
## workers (a file's tests stay on one worker: tests/conftest.py); TEST_WORKERS=0 runs them in one process.
## The Virtuoso tests are `make test-virtuoso`'s, which CI runs (here they started a second instance of their
## own wherever virtuoso-t happened to be installed); the browser tests are `make test-browser`'s.
## ruff first (lint, then formatting: `ruff check --fix` and `ruff format` repair what they report).
## Bytecode is cached (__pycache__/, gitignored, allowed by the write audit) even where PYTHONDONTWRITEBYTECODE
## is set: otherwise each worker rewrites every test module's asserts at collection (about 2 s) and each of the
## suite's `python -m minegraph` subprocesses compiles the modules it imports again.
TEST_WORKERS ?= 2
test: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup -m 'not browser and not virtuoso'

## Rebuild graph/*.ttl from curation/ (deterministic: building twice gives identical bytes).
build: $(STAMP)
	$(BIN)/minegraph build

validate: $(STAMP)
	$(BIN)/minegraph validate

# The bench extra (pyrudof) is a baseline only: where it cannot be installed the bench reports it "not installed".
$(BENCH_STAMP): pyproject.toml constraints.txt | $(STAMP)
	-$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[bench]'
	@touch $(BENCH_STAMP)

bench: $(STAMP) $(BENCH_STAMP)
	$(BIN)/python -m benchmarks

serve: $(STAMP)
	$(BIN)/minegraph serve

## Refresh the command outputs pasted in README.md and docs/ from real runs (tests/docs fails while one is stale),
## and the package map of docs/architecture.md from the packages' docstrings.
docs-outputs: $(STAMP)
	$(BIN)/python tests/docs/pasted.py --update
	$(BIN)/python tests/architecture/test_architecture_doc.py --update

## Refresh constraints.txt from the current virtual environment.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache build dist src/*.egg-info

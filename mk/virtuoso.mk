# Scale-out path: a Virtuoso instance of the project's own (Debian's virtuoso-opensource), on 127.0.0.1 only.
# `make test-virtuoso` installs it when missing, starts it, runs tests/scaleout against it and stops it,
# also when the tests fail. The instance lives in $(VIRTUOSO_DIR) (its own database, ini and password);
# Debian's own service (stock ini: ports 1111 and 8890 on every interface) is never left running.

VIRTUOSO_DIR       ?= .virtuoso
VIRTUOSO_SQL_PORT  ?= 21111
VIRTUOSO_HTTP_PORT ?= 28890
VIRTUOSO_INSTANCE  := $(PYTHON) scaleout/instance.py --dir $(VIRTUOSO_DIR)

.PHONY: virtuoso-install virtuoso-start virtuoso-stop test-virtuoso

## Install virtuoso-opensource without questions (no dba password: Debian then disables its own daemon).
virtuoso-install:
	@if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then \
	  echo "virtuoso-opensource is installed: $$(virtuoso-t -? 2>&1 | grep -m1 -i version)"; \
	else \
	  printf '%s\n' 'virtuoso-opensource-7 virtuoso-opensource-7/dba-password password' \
	    'virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password' | debconf-set-selections && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends virtuoso-opensource \
	  || { DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	       DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends virtuoso-opensource; }; \
	fi
	@$(VIRTUOSO_INSTANCE) stop-system-service

## Start the project's instance (generated ini, 127.0.0.1 only) and wait until SQL and SPARQL answer.
virtuoso-start:
	@$(VIRTUOSO_INSTANCE) start --sql-port $(VIRTUOSO_SQL_PORT) --http-port $(VIRTUOSO_HTTP_PORT)

virtuoso-stop:
	@$(VIRTUOSO_INSTANCE) stop

## Install, start, run tests/scaleout (pytest exit code 5, "no tests ran", fails too), stop in every case.
## The tests get an instance of their own on free ports, from a fresh database each run, as on a clean clone:
## Virtuoso 7.2's answers can change once a database has been loaded again (docs/scale-out.md), and the
## instance of `make virtuoso-start` (.virtuoso/) is the user's, never wiped.
VIRTUOSO_TEST_DIR ?= .virtuoso-test
test-virtuoso: $(STAMP) virtuoso-install
	@status=0; rm -rf "$(VIRTUOSO_TEST_DIR)"; \
	$(PYTHON) scaleout/instance.py --dir $(VIRTUOSO_TEST_DIR) start && \
	MINEGRAPH_VIRTUOSO_DIR="$(abspath $(VIRTUOSO_TEST_DIR))" MINEGRAPH_VIRTUOSO_REQUIRED=1 \
	  $(BIN)/python -m pytest tests/scaleout -q -p no:cacheprovider || status=$$?; \
	$(PYTHON) scaleout/instance.py --dir $(VIRTUOSO_TEST_DIR) stop; exit $$status

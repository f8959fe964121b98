# The load test: `make loadtest` starts `minegraph serve` on 127.0.0.1, sends a bounded mixed load (8 clients
# for 30 s: library queries, entity pages, a slow query, over-limit ones) and checks every status and the
# server's memory. Results: bench/results/loadtest-*.json and .md, the last table in docs/loadtest.md.
# More or less load: make loadtest LOADTEST_ARGS="--clients 4 --seconds 10".

LOADTEST_ARGS ?=

.PHONY: loadtest

## A bounded load on the endpoint (about a minute); exit 1 on any unexpected status or memory growth.
loadtest: $(STAMP)
	$(BIN)/python -m minegraph.bench.loadtest $(LOADTEST_ARGS)

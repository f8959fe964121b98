# Benchmarks: `make bench` (real graph, 10^4, 10^5, 10^6 triples; the Makefile's target) and
# `make bench-large` (adds 10^7). Results: bench/results/*.json and *.md, last table in docs/performance.md.

.PHONY: bench-large bench-quick

## The bench with 10^7 triples too (generation streams; allow an hour or more on 2 cores).
bench-large: $(STAMP) $(BENCH_STAMP)
	$(BIN)/python -m benchmarks --large

## A short bench (real graph and 10^4 triples) to check the harness itself.
bench-quick: $(STAMP) $(BENCH_STAMP)
	$(BIN)/python -m benchmarks --sizes real,1e4

"""``docs/performance.md``: how the bench's figures are made, then the last run's tables and the notes."""

from __future__ import annotations


#: How the figures are made: the page's opening, before the last run's tables.
INTRO = [
    "# Performance", "",
    "Measured by `make bench` (`python -m benchmarks`: the real graph, 10^4, 10^5, 10^6 triples) and",
    "`make bench-large` (adds 10^7), never by timed unit tests. Every figure comes from a fresh process",
    "(`python -m minegraph.bench.measure`); ratios compare engines measured in the same run. The machine is",
    "shared: the load average at the start of each size is in the JSON, and absolute times are noisy.",
    "",
    "## The synthetic graphs", "",
    "`python -m minegraph.bench.synth --triples N --seed S --output DIR` writes a complete project",
    "(ontology/, queries/, graph/*.ttl, graph/sources/) of about N data triples: the real graph/ copied k",
    "times with every instance IRI rewritten per copy (`-c0007`; a state's code gets digits, `LVA` → `LVA7`,",
    "as its IRI must end with it), the archived texts copied with it; dates, concepts, the Convention, its",
    "rules and the dataset description written once; Wikidata links kept in copy 0 only. About a quarter of",
    "the budget goes to extra statements and claims cloned from real ones, their text windows (prefix,",
    "quote, suffix, paragraph) appended to the copies' archived texts so offsets, selectors and cues verify;",
    "copies get extras falling off as 1/(copy+1), speakers within a text are drawn by Zipf rank. Copy 0 is",
    "the real graph. Each copy is one N-Triples file written from a text template, so memory stays bounded;",
    "the same seed gives the same bytes. Two adjustments keep k copies valid: Article 17's threshold",
    "(`mg:instrumentThreshold`, the 40th deposit) is multiplied by k, since each deposit date occurs k times,",
    "and the synthetic shapes let an alpha-3 code carry the copy digits (`^[A-Z]{3}[0-9]*$`). No `curation/`",
    "is written, so `treaty-reference-counts` only warns that it has no reference to compare with.",
    "",
    "A second generator, `python -m minegraph.bench.crowd` (sizes named `crowd:N`), was written without",
    "reading the first and has another skew and shape: the real graph kept as it is, plus fictional",
    "statements from many small sources (one to three statements each), eight huge speakers saying about",
    "80 % of them (Pareto-distributed) and a long tail of small ones, about decisions in chains of 40 steps",
    "(each `mg:partOf` the one before), a quarter of the statements about two steps. Nothing generated is",
    "about a real decision, so a query on a real decision keeps its answer at every size while the graph",
    "grows: the scan check below flags a query whose time grows faster than its answer (time exponent",
    "minus answer exponent above 0.3 between consecutive sizes of either generator).",
    "",
    "## Which figures need two free cores", "",
    "On a machine whose other processes take a core, these figures move most (read their CPU time, which",
    "does not): validation (shapes and checks run on a thread per core: its wall time is about half its",
    "CPU time on two free cores, equal on one); the cold `.store` build (RocksDB's bulk loader runs",
    "threads); the endpoint comparison (each server, the client and minegraph's query worker share the",
    "cores); and whole processes, whose start-up imports wait for a core. Loads, single queries and the",
    "network analysis run on one thread: their wall time is near their CPU time when one core is free.",
    "Ratios are taken between figures of the same run, and the query ratios between sides that alternate",
    "in one process, so both see the same load.",
    "",
    "## What a query measurement includes", "",
    "Each library query runs in its own process, on an in-memory store holding the size's files, first",
    "run then p50/p95 of the next runs. *raw* is `pyoxigraph.Store.query` on the query text with its",
    "parameters already bound, every solution read into a tuple of pyoxigraph terms, as `run_query` keeps",
    "it (an earlier bench built a dict per row with look-ups by name, which made raw slower than fair). *run_query*",
    "is `minegraph.run_query(name, params, store=…, project=…)` as a user calls it: the library lookup (one",
    "`stat` of the `.rq` file), parameter checking and binding, the guard and syntax check (once per text,",
    "then a cache look-up), the query, and every cell of every solution read (kept as pyoxigraph terms: a",
    "result converts to Python values or rdflib terms only when asked). *with .rows* adds that conversion:",
    "`run_query(…).rows`, every cell as a Python value. The same answer on both sides is checked by a",
    "fingerprint of the rows.",
    "",
    "`--rewrites DIR` compares rewritten forms of library queries (`DIR/NAME.rq` against `queries/NAME.rq`,",
    "same answer checked by a fingerprint of the rows); the shapes that keep a query linear on Oxigraph are",
    "in `queries/README.md` (section Shapes that scale), and the library is written in them.",
    "",
    "Every step whose memory matters runs in a process of its own, so its peak RSS is its own: the cold",
    "`.store` build is never in the process of the in-memory load it is compared with (at 10^7 that store",
    "would still be alive during the build). The network is timed with and without its load, and once more",
    "with betweenness computed exactly (large graphs sample it). Whole `minegraph` processes (wall and CPU",
    "of the child) are timed on the real graph, `minegraph run` included (its pictures unchanged between",
    "runs), and on the synthetic graphs from 10^6 triples; there `minegraph query claims-by-source` (a table,",
    "its labels looked up for the IRIs in hand) runs beside raw pyoxigraph on the same persisted store",
    "(`measure raw-disk-query`: opened read-only, the rows written out), both as whole processes with their",
    "peak RSS. The endpoint is `minegraph serve` beside",
    "`oxigraph serve-read-only` (the `server` extra) on the same persisted store, both on 127.0.0.1, every",
    "library query sent to each in turn, one request at a time.",
    "",
    "Validation is measured four ways, each in fresh processes: `minegraph.validate` with its default engine",
    "(the shapes compiled to SPARQL and the checks as SPARQL, over one Oxigraph store, on a thread per core)",
    "and with `engine=\"pyshacl\"` (the reference: pySHACL and the Python checks), then the shapes alone on",
    "pySHACL and on pyrudof (rudof's engine, the optional `bench` extra; \"not installed\" without it). Each",
    "validation process is capped (`--validate-cap`, 600 s): a validator past the cap is recorded as \"> cap\"",
    "and not run again at the larger sizes.",
]


def performance_page(results: dict, tables: str, source: str, notes: str = "") -> str:
    """``docs/performance.md``: how the figures are made, then the last run's tables, with ``notes``
    (``bench/notes.md``: why each missed target is missed, written by hand) after the targets table."""
    intro = INTRO + ["", f"The tables below are the last run ({source}), copied from `bench/results/`.", ""]
    body = tables.split("\n", 1)[1] if tables.startswith("# ") else tables
    if notes.strip():
        head, marker, rest = body.partition("\n## Operations")
        body = head.rstrip("\n") + "\n\n" + notes.strip() + "\n" + marker + rest if marker else body + "\n" + notes
    return "\n".join(intro) + body

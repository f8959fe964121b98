"""One measurement in a fresh process: ``python -m minegraph.bench.measure KIND --project DIR``
prints one JSON object (times in seconds, peak RSS in MB) on stdout. :mod:`.harness` starts these.

Kinds: ``load-raw``, ``load-project``, ``load-rdflib``; ``query --engine project|raw --query FILE``
(one query: first run, p50, p95, rows and a fingerprint of the answer); ``pair`` (every library
query, run_query and raw alternating in one process on the same store); ``queries-rdflib`` (every
library query on rdflib, each capped); ``validate`` (``--engine`` sparql, pyshacl, pyshacl-alone or pyrudof);
``network`` and ``network-exact`` (betweenness never sampled); ``windows`` (the discourse window sequence over 2025); ``synth`` / ``crowd --output DIR --triples N`` (a generator, from the project); ``trace``;
``store-cold`` / ``store-reopen`` / ``disk-queries --output DIR`` (the persisted store: built, reopened,
every library query on it); ``raw-disk-query --query FILE`` (raw pyoxigraph on the persisted store, rows
written out: the baseline of a whole ``minegraph query`` process); ``endpoint`` (minegraph serve beside oxigraph serve-read-only).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
from pathlib import Path

from . import disk, targets, tasks
from .crowd import generate as crowd
from .endpoint import endpoint_times


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(root: Path, engine: str) -> dict:
    build = {"raw": targets.raw_store, "project": targets.project_store, "rdflib": targets.rdflib_graph}[engine]
    wall, cpu, store = targets.timed(lambda: build(root))
    count = len(store) if engine != "project" else store.triple_count()
    return {"wall": wall, "cpu": cpu, "triples": count}


def query(root: Path, engine: str, path: Path, runs: int, budget: float) -> dict:
    """One query (a library query or any ``.rq`` file, defaults bound) on minegraph or raw pyoxigraph;
    for minegraph also the time with every row read as Python values (``.rows``)."""
    name, params, text = targets.bound_query(path)
    if engine == "project":
        call = targets.library_call(root, targets.project_store(root), Path(path), params)
        figures = targets.repeat(call, runs, budget=budget)
        with_rows = targets.repeat(lambda: call().rows, runs, budget=budget / 2)
        return {"query": name, **figures, "rows_p50": with_rows["p50"]}
    store = targets.raw_store(root)
    return {"query": name, **targets.repeat(lambda: targets.run_raw(store, text), runs, budget=budget)}


def paired(root: Path, runs: int, budget: float, names: set[str] | None = None) -> dict:
    """Every library query in one process, run_query and raw pyoxigraph alternating on the same
    store (raw on its native ``pyoxigraph.Store``), so both see the same machine load: p50 and best
    of each and of run_query with ``.rows``, and their ratios to raw."""
    store = targets.project_store(root)
    results = {}
    for path in targets.library(root):
        if names and path.stem not in names:
            continue
        name, params, text = targets.bound_query(path)
        call = targets.library_call(root, store, path, params)
        sides = {
            "project": call,
            "raw": lambda text=text: targets.run_raw(store.native, text),
            "rows": lambda call=call: call().rows,
        }
        times = targets.alternate(sides, runs, budget)
        raw = times["raw"]
        results[name] = {
            **times,
            **{
                f"{side}_over_raw_{stat}": times[side][stat] / raw[stat] if raw[stat] else None
                for side in ("project", "rows")
                for stat in ("p50", "best")
            },
        }
    return {"queries": results}


def rdflib_queries(root: Path, runs: int, cap: float) -> dict:
    """Every library query on rdflib's engine in one process, each run interrupted after ``cap`` seconds."""
    graph = targets.rdflib_graph(root)
    results = {}
    for path in targets.library(root):
        name, _, text = targets.bound_query(path)
        try:
            with targets.cap(cap):
                results[name] = targets.repeat(lambda text=text: targets.run_rdflib(graph, text), runs, budget=cap / 2)
        except targets.Timeout:
            results[name] = {"timeout": cap}
    return {"queries": results}


def validation(root: Path, engine: str) -> dict:
    """One validation (``--engine``: see targets.run_validation), timed; ``missing`` when not installed."""
    wall, cpu, outcome = targets.timed(lambda: targets.run_validation(root, engine))
    return outcome if "missing" in outcome else {"wall": wall, "cpu": cpu, **outcome}


def network(root: Path, exact: bool = False) -> dict:
    """The network analysis (``wall``, ``cpu``) after its load (``load_wall``, ``load_cpu``), both in this
    process, and their sum as a user waits for it (``with_load``); ``exact``: betweenness computed exactly
    at every size instead of from the sample large graphs use."""
    if exact:
        targets.exact_betweenness()
    load_wall, load_cpu, store = targets.timed(lambda: targets.project_store(root))
    wall, cpu, outcome = targets.timed(lambda: targets.run_network(root, store))
    return {
        "wall": wall,
        "cpu": cpu,
        "load_wall": load_wall,
        "load_cpu": load_cpu,
        "with_load": load_wall + wall,
        "with_load_cpu": load_cpu + cpu,
        "exact": exact,
        **outcome,
    }


def windows(root: Path) -> dict:
    """The discourse window sequence (statements query + every window), timed after the store's load."""
    store = targets.project_store(root)
    wall, cpu, outcome = targets.timed(lambda: targets.run_windows(root, store))
    return {"wall": wall, "cpu": cpu, **outcome}


def generate(project: Path, output: Path, triples: int, seed: int, generator: str = "synth") -> dict:
    """A generator (``synth`` or ``crowd``) itself, timed (its peak RSS is this process's)."""
    if generator == "crowd":
        wall, cpu, made = targets.timed(lambda: crowd(project, output, triples, seed))
        return {
            "wall": wall,
            "cpu": cpu,
            "triples": made.triples,
            "statements": made.statements,
            "sources": made.sources,
            "speakers": made.speakers,
            "chains": made.chains,
        }
    # lazy: ~20 ms of imports, only on this path
    from .synth import synthesize

    wall, cpu, manifest = targets.timed(lambda: synthesize(project, output, triples=triples, seed=seed, progress=False))
    return {"wall": wall, "cpu": cpu, "triples": manifest.triples, "copies": manifest.copies, "extras": manifest.extras}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m minegraph.bench.measure")
    parser.add_argument("kind")
    parser.add_argument("--project", required=True, type=Path)
    parser.add_argument("--engine", default="pyshacl")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cap", type=float, default=20.0)
    parser.add_argument("--query", type=Path, help="the .rq file of kind 'query'")
    parser.add_argument("--names", default="", help="kind 'pair': only these library queries (comma-separated)")
    parser.add_argument("--output", type=Path, help="kind 'synth': the directory to generate; 'store-*': the store's")
    parser.add_argument("--triples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    kind, root = args.kind, args.project
    if kind.startswith("load-"):
        result = load(root, kind[5:])
    elif kind == "query":
        result = query(root, args.engine, args.query, args.runs, args.cap)
    elif kind == "pair":
        result = paired(root, args.runs, args.cap, set(filter(None, args.names.split(","))))
    elif kind == "queries-rdflib":
        result = rdflib_queries(root, args.runs, args.cap)
    elif kind == "validate":
        result = validation(root, args.engine)
    elif kind in ("synth", "crowd"):
        result = generate(root, args.output, args.triples, args.seed, kind)
    elif kind in ("network", "network-exact"):
        result = network(root, exact=kind == "network-exact")
    elif kind == "windows":
        result = windows(root)
    elif kind == "trace":
        result = tasks.trace_times(root, args.runs)
    elif kind == "store-cold":
        result = tasks.store_cold(root, args.output)
    elif kind == "store-reopen":
        result = tasks.store_reopen(root, args.output)
    elif kind == "endpoint":
        result = endpoint_times(root, args.runs, args.cap)
    elif kind == "disk-queries":
        result = disk.disk_queries(root, args.output, args.runs, args.cap)
    elif kind == "raw-disk-query":
        result = {"rows": tasks.raw_disk_query(root, args.query)}
    else:
        parser.error(f"unknown kind {kind!r}")
    result["peak_mb"] = peak_mb()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

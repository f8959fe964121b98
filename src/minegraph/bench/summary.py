"""Bench results summarised: per size, each operation's medians and each query's figures, then growth
exponents over the synthetic sizes (the Markdown tables of them: :mod:`minegraph.bench.result_tables`)."""

from __future__ import annotations

import statistics

from . import growth
from .fit import median_of, ratio

OPERATIONS = (
    ("load: pyoxigraph bulk_load (raw)", ("load", "raw")),
    ("load: minegraph OxigraphStore.memory", ("load", "project")),
    ("load: rdflib parse", ("load", "rdflib")),
    ("validate: minegraph.validate (SPARQL engine: shapes + checks)", ("validate", "sparql")),
    ("validate: minegraph.validate engine=pyshacl (shapes + checks)", ("validate", "pyshacl")),
    ("validate: pySHACL alone (shapes only)", ("validate", "pyshacl-alone")),
    ("validate: pyrudof alone (shapes only)", ("validate", "pyrudof")),
    ("network: minegraph.analysis.graphs.analyse (store loaded before)", ("network",)),
    ("network: load + analyse, as a user waits", ("network", "@with_load")),
    ("network: analyse, betweenness exact (no sample)", ("network_exact",)),
    ("windows: discourse networks 30d every 7d over 2025 (statements query + every window)", ("windows",)),
    ("trace: a statement (card rendered as text; p50)", ("trace", "statement")),
    ("trace: an actor (p50)", ("trace", "actor")),
    ("trace: a decision (p50)", ("trace", "decision")),
    ("store: cold build of the persisted .store", ("store", "cold")),
    ("store: reopen + first query (fresh process)", ("store", "reopen")),
    ("process: minegraph query in-force-on-date", ("processes", "query")),
    ("process: minegraph trace STATEMENT", ("processes", "trace")),
    ("process: minegraph network", ("processes", "network")),
    ("process: minegraph validate", ("processes", "validate")),
    ("process: minegraph export", ("processes", "export")),
    ("process: minegraph run (the main job; pictures unchanged)", ("processes", "run")),
    ("process: minegraph query claims-by-source (a table, labels looked up)", ("processes", "claims")),
    ("process: raw pyoxigraph claims-by-source on the same store (rows written)", ("processes", "claims-raw")),
)


def runs_at(size: dict, path: tuple[str, ...]) -> list[dict]:
    node = size
    for key in path:
        if key.startswith("@"):  # the figure to read from each run (default ``wall``), not a step down
            break
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, list) else []


def _figure(path: tuple[str, ...]) -> tuple[str, str]:
    """The wall and CPU figure an operation's path names (``@with_load``: ``with_load``, ``with_load_cpu``)."""
    return (path[-1][1:], path[-1][1:] + "_cpu") if path and path[-1].startswith("@") else ("wall", "cpu")


def operation(runs: list[dict], path: tuple[str, ...] = ()) -> dict:
    status = next((k for r in runs for k in ("timeout", "error", "missing") if k in r), None)
    peaks = [r["peak_mb"] for r in runs if "peak_mb" in r]
    wall, cpu = _figure(path)
    return {
        "wall": median_of(runs, wall),
        "cpu": median_of(runs, cpu),
        "runs": sum(1 for r in runs if wall in r),
        "peak_mb": max(peaks) if peaks else None,
        "status": status,
        "detail": next((r[status] for r in runs if status in r), None) if status else None,
    }


def _query(figures: dict) -> dict:
    def p50(engine):
        value = figures.get(engine, {})
        return value.get("p50") if isinstance(value, dict) else None

    project, raw, rdflib = p50("project"), p50("raw"), p50("rdflib")
    digests = {figures.get(e, {}).get("digest") for e in ("project", "raw")} - {None}
    return {
        "rows": figures.get("raw", {}).get("rows"),
        "project": project,
        "raw": raw,
        "rdflib": rdflib,
        "project_first": figures.get("project", {}).get("first"),
        "project_p95": figures.get("project", {}).get("p95"),
        "project_rows": figures.get("project", {}).get("rows_p50"),
        "rdflib_timeout": figures.get("rdflib", {}).get("timeout"),
        "same_answer": len(digests) <= 1,
        "project_timeout": figures.get("project", {}).get("timeout"),
        "raw_timeout": figures.get("raw", {}).get("timeout"),
        "project_over_raw": ratio(project, raw),
        "raw_over_rdflib": ratio(raw, rdflib),
    }


def summarise(results: dict) -> dict:
    """Per size: each operation's medians and each query's figures; then exponents over the synthetic sizes."""
    sizes = []
    for size in results["sizes"]:
        ops = {name: operation(runs_at(size, path), path) for name, path in OPERATIONS}
        queries = {name: _query(figures) for name, figures in size["queries"].items()}
        ratios = [q["project_over_raw"] for q in queries.values() if q["project_over_raw"]]
        rdflib = [q["raw_over_rdflib"] for q in queries.values() if q["raw_over_rdflib"]]
        sizes.append(
            {
                "size": size["size"],
                "triples": size.get("triples"),
                "synthetic": size["synthetic"],
                "generator": growth.generator(size),
                "operations": ops,
                "queries": queries,
                "project_over_raw_median": statistics.median(ratios) if ratios else None,
                "project_over_raw_worst": max(ratios) if ratios else None,
                "raw_over_rdflib_median": statistics.median(rdflib) if rdflib else None,
                "rewrites": _rewrites(size.get("rewrites", {})),
            }
        )
    names = [name for name, _ in OPERATIONS]
    per_generator = {name: growth.exponents(group, names) for name, group in growth.by_generator(sizes).items()}
    exponents = {**per_generator.get("synth", growth.exponents([], names)), "by_generator": per_generator}
    return {"sizes": sizes, "exponents": exponents}


def _rewrites(figures: dict) -> dict:
    out = {}
    for name, variants in figures.items():
        original, rewritten = variants.get("original", {}), variants.get("rewritten", {})
        out[name] = {
            "original": original.get("p50"),
            "original_timeout": original.get("timeout"),
            "rewritten": rewritten.get("p50"),
            "rows": rewritten.get("rows"),
            "same_answer": (original.get("digest") == rewritten.get("digest")) if "digest" in original else None,
            "speedup": ratio(original.get("p50"), rewritten.get("p50")),
        }
    return out

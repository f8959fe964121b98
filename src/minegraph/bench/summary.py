"""Bench results as summaries and Markdown tables (``bench/results/*.md``, ``docs/performance.md``)."""

from __future__ import annotations

import statistics

from . import machine
from .fit import median_of, ratio
from . import growth
from .goals import goals_table
from .progress import human

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
)


def _runs(size: dict, path: tuple[str, ...]) -> list[dict]:
    node = size
    for key in path:
        if key.startswith("@"):  # the figure to read from each run (default ``wall``), not a step down
            break
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, list) else []


def _figure(path: tuple[str, ...]) -> tuple[str, str]:
    """The wall and CPU figure an operation's path names (``@with_load``: ``with_load``, ``with_load_cpu``)."""
    return (path[-1][1:], path[-1][1:] + "_cpu") if path and path[-1].startswith("@") else ("wall", "cpu")


def _operation(runs: list[dict], path: tuple[str, ...] = ()) -> dict:
    status = next((k for r in runs for k in ("timeout", "error", "missing") if k in r), None)
    peaks = [r["peak_mb"] for r in runs if "peak_mb" in r]
    wall, cpu = _figure(path)
    return {"wall": median_of(runs, wall), "cpu": median_of(runs, cpu), "runs": sum(1 for r in runs if wall in r),
            "peak_mb": max(peaks) if peaks else None, "status": status,
            "detail": next((r[status] for r in runs if status in r), None) if status else None}


def _query(figures: dict) -> dict:
    def p50(engine):
        value = figures.get(engine, {})
        return value.get("p50") if isinstance(value, dict) else None

    project, raw, rdflib = p50("project"), p50("raw"), p50("rdflib")
    digests = {figures.get(e, {}).get("digest") for e in ("project", "raw")} - {None}
    return {"rows": figures.get("raw", {}).get("rows"), "project": project, "raw": raw, "rdflib": rdflib,
            "project_first": figures.get("project", {}).get("first"), "project_p95": figures.get("project", {}).get("p95"),
            "project_rows": figures.get("project", {}).get("rows_p50"),
            "rdflib_timeout": figures.get("rdflib", {}).get("timeout"), "same_answer": len(digests) <= 1,
            "project_timeout": figures.get("project", {}).get("timeout"), "raw_timeout": figures.get("raw", {}).get("timeout"),
            "project_over_raw": ratio(project, raw), "raw_over_rdflib": ratio(raw, rdflib)}


def summarise(results: dict) -> dict:
    """Per size: each operation's medians and each query's figures; then exponents over the synthetic sizes."""
    sizes = []
    for size in results["sizes"]:
        ops = {name: _operation(_runs(size, path), path) for name, path in OPERATIONS}
        queries = {name: _query(figures) for name, figures in size["queries"].items()}
        ratios = [q["project_over_raw"] for q in queries.values() if q["project_over_raw"]]
        rdflib = [q["raw_over_rdflib"] for q in queries.values() if q["raw_over_rdflib"]]
        sizes.append({"size": size["size"], "triples": size.get("triples"), "synthetic": size["synthetic"],
                      "generator": growth.generator(size),
                      "operations": ops, "queries": queries,
                      "project_over_raw_median": statistics.median(ratios) if ratios else None,
                      "project_over_raw_worst": max(ratios) if ratios else None,
                      "raw_over_rdflib_median": statistics.median(rdflib) if rdflib else None,
                      "rewrites": _rewrites(size.get("rewrites", {}))})
    names = [name for name, _ in OPERATIONS]
    per_generator = {name: growth.exponents(group, names) for name, group in growth.by_generator(sizes).items()}
    exponents = {**per_generator.get("synth", growth.exponents([], names)), "by_generator": per_generator}
    return {"sizes": sizes, "exponents": exponents}


def _rewrites(figures: dict) -> dict:
    out = {}
    for name, variants in figures.items():
        original, rewritten = variants.get("original", {}), variants.get("rewritten", {})
        out[name] = {"original": original.get("p50"), "original_timeout": original.get("timeout"),
                     "rewritten": rewritten.get("p50"), "rows": rewritten.get("rows"),
                     "same_answer": (original.get("digest") == rewritten.get("digest")) if "digest" in original else None,
                     "speedup": ratio(original.get("p50"), rewritten.get("p50"))}
    return out


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def times(value: float | None) -> str:
    return "–" if value is None else f"{value:.3g}×"


def _cell(op: dict) -> str:
    if op["status"] == "timeout":
        return f"> {op['detail']:.0f} s"
    if op["status"] in ("error", "missing"):
        return op["detail"] if op["status"] == "missing" else "error"
    notes = ([f"CPU {seconds(op['cpu'])}"] if op["cpu"] is not None else []) + ([f"{op['peak_mb']:.0f} MB"] if op["peak_mb"] else [])
    return seconds(op["wall"]) + (f" ({', '.join(notes)})" if notes else "")


def _header(sizes: list[dict]) -> str:
    return " | ".join(f"{s['size']} ({human(s['triples'] or 0)})" for s in sizes)


def markdown(results: dict) -> str:
    summary = results["summary"]
    sizes = summary["sizes"]
    lines = [f"# Bench {results['started']}", "", f"Command: `{results['command']}`  ",
             f"Machine: {machine.summary(results['machine'])}", "",
             "Wall-clock medians over fresh processes (CPU time, user + sys, and peak RSS of the process in brackets); "
             "exponent: log-log least-squares slope over the synthetic sizes of the project's generator; sizes "
             "named crowd:N come from the second generator."]
    lines += goals_table(results)
    lines += ["", "## Operations", "", f"| operation | {_header(sizes)} | exponent |",
              "|---|" + "---|" * len(sizes) + "---|"]
    for name, _ in OPERATIONS:
        slope = summary["exponents"]["operations"].get(name)
        lines.append(f"| {name} | " + " | ".join(_cell(s["operations"][name]) for s in sizes)
                     + f" | {'–' if slope is None else f'{slope:.2f}'} |")
    lines.append("| ratio load minegraph / raw | " + " | ".join(times(ratio(
        s["operations"][OPERATIONS[1][0]]["wall"], s["operations"][OPERATIONS[0][0]]["wall"])) for s in sizes) + " | |")
    lines.append("| ratio load raw / rdflib | " + " | ".join(times(ratio(
        s["operations"][OPERATIONS[0][0]]["wall"], s["operations"][OPERATIONS[2][0]]["wall"])) for s in sizes) + " | |")
    lines += [_ratio_row(sizes, "ratio validate SPARQL engine / pyshacl engine", OPERATIONS[3][0], OPERATIONS[4][0]),
              _ratio_row(sizes, "ratio validate SPARQL engine / pySHACL alone", OPERATIONS[3][0], OPERATIONS[5][0])]
    lines.append("| ratio store cold build / in-memory load (each in processes of its own) | " + " | ".join(
        times(median_of(_runs(s_raw, ("store", "cold")), "ratio")) for s_raw in results["sizes"]) + " | |")
    lines.append("| queries: median (worst) run_query / raw | " + " | ".join(
        f"{times(s['project_over_raw_median'])} ({times(s['project_over_raw_worst'])})" for s in sizes) + " | |")
    lines.append("| queries: median raw / rdflib | " + " | ".join(times(s["raw_over_rdflib_median"]) for s in sizes) + " | |")
    lines += _merged_note(results)
    lines += _findings_table(results["sizes"])
    for size in sizes:
        lines += _query_table(size) if size["queries"] else []  # a large size measures its queries on disk
    lines += _disk_table(results["sizes"])
    lines += _pair_table(results["sizes"])
    lines += _endpoint_table(results["sizes"])
    lines += _generator_table(results["sizes"])
    lines += _exponent_table(summary)
    lines += growth.scan_table(results["sizes"])
    lines += _rewrite_table(sizes)
    return "\n".join(lines) + "\n"


def _merged_note(results: dict) -> list[str]:
    """Which figures come from the earlier run a partial run (``--only``) was merged with."""
    parts = [f"{s['size']} ({', '.join(s['merged'])})" for s in results["sizes"] if s.get("merged")]
    parts += [f"{s['size']} (all)" for s in results["sizes"] if s.get("run")]
    if not parts:
        return []
    return ["", f"Not measured in this run, taken from {results.get('merged_from', 'an earlier run')}: {'; '.join(parts)}."]


def _ratio_row(sizes: list[dict], title: str, numerator: str, denominator: str) -> str:
    """Same-run ratio of two operations' medians; "< x" when the denominator ran past its cap."""
    cells = []
    for s in sizes:
        top, bottom = s["operations"][numerator], s["operations"][denominator]
        if bottom["status"] == "timeout" and top["wall"] is not None:
            cells.append(f"< {top['wall'] / bottom['detail']:.3g}×")
        else:
            cells.append(times(ratio(top["wall"], bottom["wall"])))
    return f"| {title} | " + " | ".join(cells) + " | |"


def _findings_table(sizes: list[dict]) -> list[str]:
    """What each validator reported (first run): minegraph's violations and warnings, the baselines' results."""
    lines = ["", "## Validation findings (first run of each validator)", "",
             "pyrudof compares an xsd:nonNegativeInteger value with an xsd:integer bound as different types, so it "
             "reports violations the other engines do not.", "",
             "| validator | " + " | ".join(s["size"] for s in sizes) + " |", "|---|" + "---|" * len(sizes)]
    for _, path in OPERATIONS[3:7]:
        cells = []
        for s in sizes:
            run = next(iter(_runs(s, path)), {})
            if "counts" in run:
                cells.append(f"{run['counts']['Violation']} violations, {run['counts']['Warning']} warnings")
            else:
                cells.append(f"{run['findings']} results" if "findings" in run else "–")
        lines.append(f"| {path[1]} | " + " | ".join(cells) + " |")
    return lines


def _disk_table(sizes: list[dict]) -> list[str]:
    """Every library query through run_query on the persisted store reopened in a fresh process (the large
    sizes, where a per-query in-memory load is not affordable); the process's peak RSS under the title."""
    lines = []
    for size in sizes:
        disk = size.get("disk") or {}
        if "queries" not in disk:
            if disk:
                lines += ["", f"## Library queries on the on-disk store at {size['size']}: {_cell(_operation([disk]))}"]
            continue
        lines += ["", f"## Library queries on the on-disk store at {size['size']} ({disk.get('triples')} triples)", "",
                  f"Reopened in {seconds(disk.get('reopen'))}; peak RSS of the process {disk.get('peak_mb', 0):.0f} MB "
                  "(every query in that one process).", "",
                  "| query | rows | first | p50 | p95 | on disk / in memory (p50) | peak RSS so far |",
                  "|---|---|---|---|---|---|---|"]
        for name, q in sorted(disk["queries"].items()):
            peak = f"{q['peak_mb_so_far']:.0f} MB" if q.get("peak_mb_so_far") else "–"
            memory = size["queries"].get(name, {}).get("project", {})
            lines.append(f"| {name} | {q.get('rows', '–')} | {seconds(q.get('first'))} | {seconds(q.get('p50'))} "
                         f"| {seconds(q.get('p95'))} | {times(ratio(q.get('p50'), memory.get('p50')))} | {peak} |")
    return lines


def _query_table(size: dict) -> list[str]:
    lines = ["", f"## Library queries at {size['size']} ({size['triples']} triples)", "",
             "| query | rows | run_query first | p50 | p95 | raw p50 | run_query / raw | with .rows p50 | rdflib p50 "
             "| raw / rdflib |", "|---|---|---|---|---|---|---|---|---|---|"]
    for name, q in sorted(size["queries"].items()):
        rdflib = _capped(q["rdflib"], q["rdflib_timeout"])
        flag = "" if q["same_answer"] else " (answers differ!)"
        lines.append(f"| {name}{flag} | {q['rows'] if q['rows'] is not None else '–'} | {seconds(q['project_first'])} | "
                     f"{_capped(q['project'], q['project_timeout'])} | {seconds(q['project_p95'])} | "
                     f"{_capped(q['raw'], q['raw_timeout'])} | "
                     f"{times(q['project_over_raw'])} | {seconds(q['project_rows'])} | {rdflib} | "
                     f"{times(q['raw_over_rdflib'])} |")
    return lines


def _pair_table(sizes: list[dict]) -> list[str]:
    """run_query against raw pyoxigraph alternating in one process (the same load on both)."""
    measured = [s for s in sizes if s.get("pair", {}).get("queries")]
    if not measured:
        return []
    lines = ["", "## run_query / raw, alternating in one process on the same store", "",
             "Median over the library queries of each query's ratio (worst in brackets), from the p50 and from the",
             "best run of each side; *with .rows* reads every cell as a Python value.", "",
             "| size | p50 ratio | best-run ratio | with .rows, p50 | with .rows, best | queries |", "|---|---|---|---|---|---|"]
    for size in measured:
        figures = size["pair"]["queries"].values()
        cells = []
        for key in ("project_over_raw_p50", "project_over_raw_best", "rows_over_raw_p50", "rows_over_raw_best"):
            values = [f[key] for f in figures if f.get(key)]
            cells.append(f"{times(statistics.median(values))} ({times(max(values))})" if values else "–")
        lines.append(f"| {size['size']} | " + " | ".join(cells) + f" | {len(figures)} |")
    return lines


def _endpoint_table(sizes: list[dict]) -> list[str]:
    """``minegraph serve`` against ``oxigraph serve-read-only`` on the same store, requests alternating."""
    measured = [s for s in sizes if s.get("endpoint")]
    if not measured:
        return []
    lines = ["", "## The endpoint beside Oxigraph's server (same store, one request at a time, alternating)", "",
             "Per library query the p50 latency of `minegraph serve` over that of `oxigraph serve-read-only` (HTTP,",
             "SPARQL JSON results read whole); the median over the queries, the worst, and the answers' sizes.", "",
             "| size | median ratio | worst | same bytes | queries |", "|---|---|---|---|---|"]
    for size in measured:
        e = size["endpoint"]
        queries = e.get("queries", {})
        if not queries:
            lines.append(f"| {size['size']} | {e.get('missing') or e.get('error') or e.get('timeout') or '–'} | | | |")
            continue
        worst = max(queries, key=lambda n: queries[n].get("ratio_p50") or 0)
        same = sum(1 for q in queries.values() if len(set(q.get("bytes", {}).values())) == 1)
        lines.append(f"| {size['size']} | {times(e.get('median_ratio'))} | {worst} {times(queries[worst].get('ratio_p50'))} "
                     f"| {same} of {len(queries)} | {len(queries)} |")
    return lines


def _capped(value: float | None, timeout: float | None) -> str:
    return f"> {timeout:.0f} s" if timeout else seconds(value)


def _generator_table(sizes: list[dict]) -> list[str]:
    made = [s for s in sizes if s.get("generated")]
    if not made:
        return []
    lines = ["", "## The generator (this run, when it generated)", "",
             "| size | triples | copies (synth) | extra assertions (synth), statements (crowd) | seconds | peak RSS |", "|---|---|---|---|---|---|"]
    for s in made:
        g = s["generated"]
        lines.append(f"| {s['size']} | {g['triples']} | {g.get('copies', '–')} | {g.get('extras', g.get('statements', '–'))} | {seconds(g['wall'])} | "
                     f"{g['peak_mb']:.0f} MB |")
    return lines


def _exponent_table(summary: dict) -> list[str]:
    """Per library query, its growth exponent on each generator (run_query and raw; rdflib on the first)."""
    generators = summary["exponents"].get("by_generator") or {"synth": summary["exponents"]}
    columns = [(g, e) for g in generators for e in ("project", "raw")] + [(next(iter(generators)), "rdflib")]
    label = {"project": "run_query", "raw": "raw", "rdflib": "rdflib"}
    lines = ["", "## Growth exponents of the library queries (p50 against triples, per generator)", "",
             "| query | " + " | ".join(f"{g}: {label[e]}" for g, e in columns) + " |", "|---|" + "---|" * len(columns)]
    names = sorted({n for g in generators.values() for n in g["queries"]})
    for name in names:
        values = [generators[g]["queries"].get(name, {}).get(e) for g, e in columns]
        lines.append(f"| {name} | " + " | ".join("–" if v is None else f"{v:.2f}" for v in values) + " |")
    return lines


def _rewrite_table(sizes: list[dict]) -> list[str]:
    rows = [(s, name, r) for s in sizes for name, r in s["rewrites"].items()]
    if not rows:
        return []
    lines = ["", "## Anti-join rewrites (raw pyoxigraph, p50)", "",
             "| query | size | original | rewritten | speed-up | same answer |", "|---|---|---|---|---|---|"]
    for size, name, r in rows:
        original = f"> {r['original_timeout']:.0f} s" if r["original_timeout"] else seconds(r["original"])
        same = {True: "yes", False: "NO", None: "–"}[r["same_answer"]]
        lines.append(f"| {name} | {size['size']} | {original} | {seconds(r['rewritten'])} | {times(r['speedup'])} | {same} |")
    return lines

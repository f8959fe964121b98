"""Bench results as Markdown tables (``bench/results/*.md``, ``docs/performance.md``): the operations per
size with their growth exponents, then findings, disk queries, per-query figures, the endpoint, the
generators and the rewrites, all read from :func:`minegraph.bench.summary.summarise`'s summary."""

from __future__ import annotations

import statistics

from . import growth, machine
from .fit import median_of, ratio
from .goals import goals_table
from .progress import human
from .summary import OPERATIONS, operation, runs_at


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
    notes = ([f"CPU {seconds(op['cpu'])}"] if op["cpu"] is not None else []) + (
        [f"{op['peak_mb']:.0f} MB"] if op["peak_mb"] else []
    )
    return seconds(op["wall"]) + (f" ({', '.join(notes)})" if notes else "")


def _header(sizes: list[dict]) -> str:
    return " | ".join(f"{s['size']} ({human(s['triples'] or 0)})" for s in sizes)


def _operations_table(results: dict) -> list[str]:
    """Every operation per size with its growth exponent, then the same-run ratios."""
    summary = results["summary"]
    sizes = summary["sizes"]
    lines = [
        "",
        "## Operations",
        "",
        f"| operation | {_header(sizes)} | exponent |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]
    for name, _ in OPERATIONS:
        slope = summary["exponents"]["operations"].get(name)
        lines.append(
            f"| {name} | "
            + " | ".join(_cell(s["operations"][name]) for s in sizes)
            + f" | {'–' if slope is None else f'{slope:.2f}'} |"
        )
    lines.append(
        "| ratio load minegraph / raw | "
        + " | ".join(
            times(ratio(s["operations"][OPERATIONS[1][0]]["wall"], s["operations"][OPERATIONS[0][0]]["wall"]))
            for s in sizes
        )
        + " | |"
    )
    lines.append(
        "| ratio load raw / rdflib | "
        + " | ".join(
            times(ratio(s["operations"][OPERATIONS[0][0]]["wall"], s["operations"][OPERATIONS[2][0]]["wall"]))
            for s in sizes
        )
        + " | |"
    )
    lines += [
        _ratio_row(sizes, "ratio validate SPARQL engine / pyshacl engine", OPERATIONS[3][0], OPERATIONS[4][0]),
        _ratio_row(sizes, "ratio validate SPARQL engine / pySHACL alone", OPERATIONS[3][0], OPERATIONS[5][0]),
    ]
    lines.append(
        "| ratio store cold build / in-memory load (each in processes of its own) | "
        + " | ".join(times(median_of(runs_at(s_raw, ("store", "cold")), "ratio")) for s_raw in results["sizes"])
        + " | |"
    )
    lines.append(
        "| queries: median (worst) run_query / raw | "
        + " | ".join(f"{times(s['project_over_raw_median'])} ({times(s['project_over_raw_worst'])})" for s in sizes)
        + " | |"
    )
    lines.append(
        "| queries: median raw / rdflib | " + " | ".join(times(s["raw_over_rdflib_median"]) for s in sizes) + " | |"
    )
    return lines


def markdown(results: dict) -> str:
    summary = results["summary"]
    sizes = summary["sizes"]
    lines = [
        f"# Bench {results['started']}",
        "",
        f"Command: `{results['command']}`  ",
        f"Machine: {machine.summary(results['machine'])}",
        "",
        "Wall-clock medians over fresh processes (CPU time, user + sys, and peak RSS of the process in brackets); "
        "exponent: log-log least-squares slope over the synthetic sizes of the project's generator; sizes "
        "named crowd:N come from the second generator.",
    ]
    lines += goals_table(results)
    lines += _operations_table(results)
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
    return [
        "",
        f"Not measured in this run, taken from {results.get('merged_from', 'an earlier run')}: {'; '.join(parts)}.",
    ]


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
    lines = [
        "",
        "## Validation findings (first run of each validator)",
        "",
        "pyrudof compares an xsd:nonNegativeInteger value with an xsd:integer bound as different types, so it "
        "reports violations the other engines do not.",
        "",
        "| validator | " + " | ".join(s["size"] for s in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for _, path in OPERATIONS[3:7]:
        cells = []
        for s in sizes:
            run = next(iter(runs_at(s, path)), {})
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
                lines += ["", f"## Library queries on the on-disk store at {size['size']}: {_cell(operation([disk]))}"]
            continue
        lines += [
            "",
            f"## Library queries on the on-disk store at {size['size']} ({disk.get('triples')} triples)",
            "",
            f"Reopened in {seconds(disk.get('reopen'))}; peak RSS of the process {disk.get('peak_mb', 0):.0f} MB "
            "(every query in that one process).",
            "",
            "| query | rows | first | p50 | p95 | on disk / in memory (p50) | peak RSS so far |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, q in sorted(disk["queries"].items()):
            peak = f"{q['peak_mb_so_far']:.0f} MB" if q.get("peak_mb_so_far") else "–"
            memory = size["queries"].get(name, {}).get("project", {})
            lines.append(
                f"| {name} | {q.get('rows', '–')} | {seconds(q.get('first'))} | {seconds(q.get('p50'))} "
                f"| {seconds(q.get('p95'))} | {times(ratio(q.get('p50'), memory.get('p50')))} | {peak} |"
            )
    return lines


def _query_table(size: dict) -> list[str]:
    lines = [
        "",
        f"## Library queries at {size['size']} ({size['triples']} triples)",
        "",
        "| query | rows | run_query first | p50 | p95 | raw p50 | run_query / raw | with .rows p50 | rdflib p50 "
        "| raw / rdflib |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, q in sorted(size["queries"].items()):
        rdflib = _capped(q["rdflib"], q["rdflib_timeout"])
        flag = "" if q["same_answer"] else " (answers differ!)"
        lines.append(
            f"| {name}{flag} | {q['rows'] if q['rows'] is not None else '–'} | {seconds(q['project_first'])} | "
            f"{_capped(q['project'], q['project_timeout'])} | {seconds(q['project_p95'])} | "
            f"{_capped(q['raw'], q['raw_timeout'])} | "
            f"{times(q['project_over_raw'])} | {seconds(q['project_rows'])} | {rdflib} | "
            f"{times(q['raw_over_rdflib'])} |"
        )
    return lines


def _pair_table(sizes: list[dict]) -> list[str]:
    """run_query against raw pyoxigraph alternating in one process (the same load on both)."""
    measured = [s for s in sizes if s.get("pair", {}).get("queries")]
    if not measured:
        return []
    lines = [
        "",
        "## run_query / raw, alternating in one process on the same store",
        "",
        "Median over the library queries of each query's ratio (worst in brackets), from the p50 and from the",
        "best run of each side; *with .rows* reads every cell as a Python value.",
        "",
        "| size | p50 ratio | best-run ratio | with .rows, p50 | with .rows, best | queries |",
        "|---|---|---|---|---|---|",
    ]
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
    lines = [
        "",
        "## The endpoint beside Oxigraph's server (same store, one request at a time, alternating)",
        "",
        "Per library query the p50 latency of `minegraph serve` over that of `oxigraph serve-read-only` (HTTP,",
        "SPARQL JSON results read whole); the median over the queries, the worst, and the answers' sizes.",
        "",
        "| size | median ratio | worst | same bytes | queries |",
        "|---|---|---|---|---|",
    ]
    for size in measured:
        e = size["endpoint"]
        queries = e.get("queries", {})
        if not queries:
            lines.append(f"| {size['size']} | {e.get('missing') or e.get('error') or e.get('timeout') or '–'} | | | |")
            continue
        worst = max(queries, key=lambda n: queries[n].get("ratio_p50") or 0)
        same = sum(1 for q in queries.values() if len(set(q.get("bytes", {}).values())) == 1)
        late = sorted(n for n, q in queries.items() if "timeout" in q)
        lines.append(
            f"| {size['size']} | {times(e.get('median_ratio'))} | {worst} {times(queries[worst].get('ratio_p50'))} "
            f"| {same} of {len(queries)} | {len(queries)}"
            + (f" ({', '.join(late)}: past the timeout)" if late else "")
            + " |"
        )
    return lines


def _capped(value: float | None, timeout: float | None) -> str:
    return f"> {timeout:.0f} s" if timeout else seconds(value)


def _generator_table(sizes: list[dict]) -> list[str]:
    made = [s for s in sizes if s.get("generated")]
    if not made:
        return []
    lines = [
        "",
        "## The generator (this run, when it generated)",
        "",
        "| size | triples | copies (synth) | extra assertions (synth), statements (crowd) | seconds | peak RSS |",
        "|---|---|---|---|---|---|",
    ]
    for s in made:
        g = s["generated"]
        lines.append(
            f"| {s['size']} | {g['triples']} | {g.get('copies', '–')} | {g.get('extras', g.get('statements', '–'))} | {seconds(g['wall'])} | "
            f"{g['peak_mb']:.0f} MB |"
        )
    return lines


def _exponent_table(summary: dict) -> list[str]:
    """Per library query, its growth exponent on each generator (run_query and raw; rdflib on the first)."""
    generators = summary["exponents"].get("by_generator") or {"synth": summary["exponents"]}
    columns = [(g, e) for g in generators for e in ("project", "raw")] + [(next(iter(generators)), "rdflib")]
    label = {"project": "run_query", "raw": "raw", "rdflib": "rdflib"}
    lines = [
        "",
        "## Growth exponents of the library queries (p50 against triples, per generator)",
        "",
        "| query | " + " | ".join(f"{g}: {label[e]}" for g, e in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    names = sorted({n for g in generators.values() for n in g["queries"]})
    for name in names:
        values = [generators[g]["queries"].get(name, {}).get(e) for g, e in columns]
        lines.append(f"| {name} | " + " | ".join("–" if v is None else f"{v:.2f}" for v in values) + " |")
    return lines


def _rewrite_table(sizes: list[dict]) -> list[str]:
    rows = [(s, name, r) for s in sizes for name, r in s["rewrites"].items()]
    if not rows:
        return []
    lines = [
        "",
        "## Anti-join rewrites (raw pyoxigraph, p50)",
        "",
        "| query | size | original | rewritten | speed-up | same answer |",
        "|---|---|---|---|---|---|",
    ]
    for size, name, r in rows:
        original = f"> {r['original_timeout']:.0f} s" if r["original_timeout"] else seconds(r["original"])
        same = {True: "yes", False: "NO", None: "–"}[r["same_answer"]]
        lines.append(
            f"| {name} | {size['size']} | {original} | {seconds(r['rewritten'])} | {times(r['speedup'])} | {same} |"
        )
    return lines

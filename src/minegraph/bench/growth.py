"""How figures grow with the graph, per generator: growth exponents over a generator's sizes, and the scan
check, which flags a library query whose time grows faster than its answer between two sizes (a query that
scans the graph for a fixed answer)."""

from __future__ import annotations

import math

from .fit import exponent

#: Time exponent minus answer exponent above which a query is flagged between two sizes.
SCAN_MARGIN = 0.3
#: Below this raw p50 (seconds) at the larger size, a query is not judged: a few ms is this machine's noise.
SCAN_FLOOR = 0.005


def generator(size: dict) -> str | None:
    """``synth``, ``crowd`` … for a synthetic size (from its label, ``crowd:1e5``), None for the real graph."""
    if not size.get("synthetic"):
        return None
    return size["size"].split(":")[0] if ":" in size["size"] else "synth"


def by_generator(sizes: list[dict]) -> dict[str, list[dict]]:
    """The synthetic sizes with a triple count, grouped by generator, smallest first."""
    groups: dict[str, list[dict]] = {}
    for size in sizes:
        if generator(size) and size.get("triples"):
            groups.setdefault(generator(size), []).append(size)
    return {name: sorted(group, key=lambda s: s["triples"]) for name, group in groups.items()}


def exponents(group: list[dict], operations: list[str]) -> dict:
    """Log-log slopes over one generator's sizes (summaries of :func:`.summary.summarise`)."""
    names = sorted({n for s in group for n in s["queries"]})
    return {
        "operations": {
            name: exponent([(s["triples"], s["operations"][name]["wall"]) for s in group]) for name in operations
        },
        "queries": {
            name: {
                engine: exponent([(s["triples"], s["queries"].get(name, {}).get(engine)) for s in group])
                for engine in ("project", "raw", "rdflib")
            }
            for name in names
        },
    }


def _raw(size: dict, name: str) -> tuple[float | None, int | None]:
    """Raw p50 and rows of a query at a size: its own process's figure, else the alternating pair's."""
    own = size.get("queries", {}).get(name, {}).get("raw", {})
    if own.get("p50"):
        return own["p50"], own.get("rows")
    pair = size.get("pair", {}).get("queries", {}).get(name, {}).get("raw", {})
    return pair.get("p50"), own.get("rows")


def scans(results_sizes: list[dict]) -> list[dict]:
    """For each generator and each pair of consecutive sizes, every query whose time exponent exceeds its
    answer exponent by more than :data:`SCAN_MARGIN` (raw pyoxigraph p50; rows counted as at least one)."""
    flagged = []
    for name, group in by_generator(results_sizes).items():
        for small, big in zip(group, group[1:]):
            span = math.log(big["triples"] / small["triples"])
            for query in sorted(set(small.get("queries", {})) & set(big.get("queries", {}))):
                (t0, r0), (t1, r1) = _raw(small, query), _raw(big, query)
                if not (t0 and t1 and span > 0) or t1 < SCAN_FLOOR:
                    continue
                time_exp = math.log(t1 / t0) / span
                rows_exp = math.log(max(r1 or 0, 1) / max(r0 or 0, 1)) / span
                if time_exp - rows_exp > SCAN_MARGIN:
                    flagged.append(
                        {
                            "generator": name,
                            "query": query,
                            "sizes": f"{small['size']} → {big['size']}",
                            "time_exponent": round(time_exp, 2),
                            "rows_exponent": round(rows_exp, 2),
                            "rows": [r0, r1],
                            "p50": [t0, t1],
                        }
                    )
    return flagged


def scan_table(results_sizes: list[dict]) -> list[str]:
    flagged = scans(results_sizes)
    lines = [
        "",
        f"## Queries whose time grows faster than their answer (time − answer exponent > {SCAN_MARGIN})",
        "",
        f"Raw pyoxigraph p50 between consecutive sizes of each generator; queries under {SCAN_FLOOR * 1000:.0f} ms "
        "at the larger size are not judged.",
    ]
    if not flagged:
        return lines + ["", "None in this run."]
    lines += [
        "",
        "| generator | query | sizes | rows | p50 | time exponent | answer exponent |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in flagged:
        lines.append(
            f"| {f['generator']} | {f['query']} | {f['sizes']} | {f['rows'][0]} → {f['rows'][1]} | "
            f"{f['p50'][0] * 1000:.1f} → {f['p50'][1] * 1000:.1f} ms | {f['time_exponent']:.2f} | {f['rows_exponent']:.2f} |"
        )
    return lines

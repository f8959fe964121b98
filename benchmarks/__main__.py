"""``python -m benchmarks``: load, query and validation times, each as a ratio to a baseline
measured in the same run on the same machine (these machines are shared and noisy, so absolute
seconds mean little across runs; ratios do).

* load: pyoxigraph's bulk load of ontology/ + graph/ against rdflib's parser (baseline);
* queries: every library query on the embedded Oxigraph store against rdflib's engine (baseline);
* validation: the full ``minegraph validate`` against loading the same files with rdflib (baseline).

Writes ``out/bench.json`` (atomically) and prints a table. ``--repeat N`` sets the repetitions
(median taken).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time


#: Values for the library's required parameters (the others run with their defaults).
REQUIRED = {"state-history": {"state": "LVA"}}


def median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output", default="out/bench.json")
    args = parser.parse_args(argv)

    from minegraph.core.project import find_project
    from minegraph.queries.library import query_files, load_query
    from minegraph.core.rdf_io import atomic_write, load_graph
    from minegraph.store.memory import RdflibStore
    from minegraph.store.oxigraph import OxigraphStore
    from minegraph.validation.shapes import validate

    project = find_project()
    files = project.all_rdf_files()
    results: list[dict] = []

    def record(name: str, measured: float, baseline: float, baseline_name: str) -> None:
        results.append({"benchmark": name, "seconds": measured, "baseline": baseline_name,
                        "baseline_seconds": baseline, "ratio": measured / baseline if baseline else None})
        print(f"{name:<40} {measured * 1000:9.1f} ms   {baseline_name:<22} {baseline * 1000:9.1f} ms   ratio {measured / baseline:6.3f}",
              file=sys.stderr, flush=True)

    rdflib_load = median_seconds(lambda: load_graph(files), args.repeat)
    record("load: oxigraph", median_seconds(lambda: OxigraphStore.memory(files), args.repeat), rdflib_load, "load: rdflib")

    oxigraph, rdflib_store = OxigraphStore.memory(files), RdflibStore.memory(files)
    for path in query_files(project):
        definition = load_query(path)
        bindings = definition.bind(REQUIRED.get(definition.name, {}))
        baseline = median_seconds(lambda: rdflib_store.query(definition.text, bindings), args.repeat)
        measured = median_seconds(lambda: oxigraph.query(definition.text, bindings), args.repeat)
        record(f"query {definition.name}: oxigraph", measured, baseline, "same on rdflib")

    record("validate (pySHACL + checks)", median_seconds(lambda: validate(project), max(1, args.repeat // 2)),
           rdflib_load, "load: rdflib")

    ratios = [r["ratio"] for r in results if r["benchmark"].startswith("query ")]
    summary = {"triples": oxigraph.triple_count(), "repeat": args.repeat,
               "query_ratio_median": statistics.median(ratios), "query_ratio_max": max(ratios), "results": results}
    atomic_write(project.root / args.output, (json.dumps(summary, indent=1) + "\n").encode("utf-8"))
    print(f"\n{summary['triples']} triples; library queries on Oxigraph take {summary['query_ratio_median']:.3f}× "
          f"rdflib's time (median; worst {summary['query_ratio_max']:.3f}×); wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure the scale-out path: push a project's graph to Virtuoso and run every library query there
and on the embedded Oxigraph store, each query in a fresh process with a time cap.

    .venv/bin/python scaleout/measure.py --project DIR [--instance .virtuoso] [--repeat 3] [--cap 300]

``DIR`` is a project directory (ontology/ + graph/), e.g. one written by the synthetic generator
(``python -m minegraph.bench.synth --triples N --output DIR``) or by ``scaleout/replicate.py``.
The Virtuoso instance is the running one of ``--instance`` (``make virtuoso-start``). Per query:
first run and median of ``--repeat`` runs on each engine, answer size, and whether the two answers
agree after the engine-agreement normalisation (Virtuoso runs ``scaleout/rewrites/NAME.rq`` where
there is one). Writes ``out/scaleout-N.json`` (atomically) and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REWRITES = ROOT / "scaleout" / "rewrites"
#: Values for the library's required parameters (the others run with their defaults).
REQUIRED = {"state-history": {"state": "LVA"}}
GRAPH = "urn:minegraph:measure"


def _engines_module():
    """The engine-agreement normalisation of the tests (tests/support/engines.py), from the checkout."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # the tests' shared package, tests.support, is not installed
    from tests.support import engines  # lazy: only the measuring worker compares answers

    return engines


def worker(args) -> int:
    """One query on one engine, in this fresh process: timings, row count, digest of the normalised answer."""
    from minegraph.queries.library import load_query
    from minegraph.queries.run import execute

    if args.engine == "oxigraph":
        import pyoxigraph

        from minegraph.store.oxigraph import OxigraphStore

        store = OxigraphStore(pyoxigraph.Store.read_only(args.store))
    else:
        from minegraph.store.remote import RemoteStore

        store = RemoteStore(args.endpoint, graph=args.graph, timeout=args.cap)
    definition = load_query(Path(args.query))
    params = json.loads(args.params)
    times, result = [], None
    for _ in range(1 + args.repeat):
        start = time.perf_counter()
        result = execute(definition, params, store)
        times.append(time.perf_counter() - start)
    rows = _engines_module().comparable(definition, result)
    digest = hashlib.sha256(repr(sorted((repr(r), n) for r, n in rows.items())).encode()).hexdigest()
    print(
        json.dumps(
            {
                "first": times[0],
                "median": statistics.median(times[1:]) if args.repeat else times[0],
                "rows": len(result.terms) if result.terms is not None else len(result.triples or []),
                "digest": digest,
            }
        )
    )
    return 0


def run_worker(engine: str, query: Path, params: dict, target: dict, repeat: int, cap: float) -> dict:
    command = [
        sys.executable,
        __file__,
        "worker",
        "--engine",
        engine,
        "--query",
        str(query),
        "--params",
        json.dumps(params),
        "--repeat",
        str(repeat),
        "--cap",
        str(cap),
    ]
    command += (
        ["--store", target["store"]] if engine == "oxigraph" else ["--endpoint", target["endpoint"], "--graph", GRAPH]
    )
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return {"timeout": cap}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["exit %d" % done.returncode])[-1][:300]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def load_embedded(project, location: Path) -> tuple[float, int]:
    """Bulk-load the project into an on-disk Oxigraph store; seconds and triples."""
    import pyoxigraph

    from minegraph.store.oxigraph import OxigraphStore

    start = time.perf_counter()
    store = OxigraphStore(pyoxigraph.Store(str(location)))
    store.load(project.all_rdf_files())
    store.native.flush()
    seconds = time.perf_counter() - start
    count = store.triple_count()
    del store
    return seconds, count


def push_to_virtuoso(project, location: Path, info: dict) -> dict:
    """``minegraph push --server virtuoso`` as the CLI does it, timed: dump to N-Triples, then upload."""
    import pyoxigraph

    from minegraph.scaleout.virtuoso import VirtuosoStore, read_password
    from minegraph.store.oxigraph import OxigraphStore
    from minegraph.store.remote import RemoteStore

    source = OxigraphStore(pyoxigraph.Store.read_only(str(location)))
    remote = VirtuosoStore(
        info["endpoint"], graph=GRAPH, user=info["user"], password=read_password(info["password_file"]), timeout=3600
    )
    with tempfile.TemporaryDirectory(prefix="minegraph-measure-") as scratch:
        path = Path(scratch) / "graph.nt"
        start = time.perf_counter()
        source.dump_to(path)
        dumped = time.perf_counter()
        remote.upload(path, replace=True)
        uploaded = time.perf_counter()
        size = path.stat().st_size
    count = RemoteStore(info["endpoint"], graph=GRAPH, timeout=600).triple_count()
    return {
        "dump": dumped - start,
        "upload": uploaded - dumped,
        "push": uploaded - start,
        "bytes": size,
        "virtuoso_triples": count,
        "virtuoso_peak_rss_mb": _peak_rss_mb(info["pid"]),
    }


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def library_cases() -> list[tuple[Path, dict]]:
    return [(path, REQUIRED.get(path.stem, {})) for path in sorted((ROOT / "queries").glob("*.rq"))]


def measure(args) -> dict:
    from minegraph.core.project import Project

    project = Project(Path(args.project).resolve())
    info = json.loads((Path(args.instance) / "instance.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="minegraph-measure-store-") as location:
        load_seconds, triples = load_embedded(project, Path(location))
        print(f"embedded load: {triples} triples in {load_seconds:.2f} s", file=sys.stderr)
        pushed = push_to_virtuoso(project, Path(location), info)
        print(f"push: {pushed}", file=sys.stderr)
        queries = {}
        for path, params in library_cases():
            rewrite = REWRITES / path.name
            embedded = run_worker("oxigraph", path, params, {"store": location}, args.repeat, args.cap)
            remote = run_worker("virtuoso", rewrite if rewrite.exists() else path, params, info, args.repeat, args.cap)
            agree = (
                embedded.get("digest") == remote.get("digest") if "digest" in embedded and "digest" in remote else None
            )
            queries[path.stem] = {
                "oxigraph": embedded,
                "virtuoso": remote,
                "agree": agree,
                "rewritten": rewrite.exists(),
            }
            print(f"{path.stem}: {_cell(embedded)} | {_cell(remote)} | agree={agree}", file=sys.stderr)
    return {
        "triples": triples,
        "project": str(project.root),
        "repeat": args.repeat,
        "cap": args.cap,
        "embedded_load": load_seconds,
        "push": pushed,
        "queries": queries,
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
    }


def _cell(run: dict) -> str:
    if "timeout" in run:
        return f"> {run['timeout']:.0f} s"
    if "error" in run:
        return "error"
    return f"{run['median'] * 1000:.0f} ms"


def markdown(result: dict) -> str:
    push = result["push"]
    lines = [
        f"Triples: {result['triples']:,}; embedded bulk load {result['embedded_load']:.1f} s; push {push['push']:.1f} s "
        f"(N-Triples dump {push['dump']:.1f} s + upload {push['upload']:.1f} s, {push['bytes'] / 1e6:.0f} MB); "
        f"Virtuoso peak RSS {push['virtuoso_peak_rss_mb'] or 0:.0f} MB.",
        "",
        "| query | rows | Oxigraph p50 | Virtuoso p50 | Virtuoso / Oxigraph | same answer |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, run in result["queries"].items():
        ox, vi = run["oxigraph"], run["virtuoso"]
        ratio = f"{vi['median'] / ox['median']:.2f}" if "median" in ox and "median" in vi and ox["median"] else "–"
        agree = {True: "yes", False: "**no**", None: "–"}[run["agree"]]
        lines.append(
            f"| {name}{' (rewrite)' if run['rewritten'] else ''} | {ox.get('rows', vi.get('rows', '–'))} | "
            f"{_cell(ox)} | {_cell(vi)} | {ratio} | {agree} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    one = sub.add_parser("worker")
    one.add_argument("--engine", choices=("oxigraph", "virtuoso"), required=True)
    one.add_argument("--query", required=True)
    one.add_argument("--params", default="{}")
    one.add_argument("--repeat", type=int, default=3)
    one.add_argument("--cap", type=float, default=300)
    one.add_argument("--store")
    one.add_argument("--endpoint")
    one.add_argument("--graph")
    parser.add_argument("--project", help="project directory to measure (ontology/ + graph/)")
    parser.add_argument(
        "--instance", default=str(ROOT / ".virtuoso"), help="the running Virtuoso's folder (default: .virtuoso)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the first (median taken)")
    parser.add_argument("--cap", type=float, default=300, help="seconds allowed per query and engine (all runs)")
    parser.add_argument("--output", help="JSON file (default: out/scaleout-N.json)")
    args = parser.parse_args(argv)
    if args.command == "worker":
        return worker(args)
    if not args.project:
        parser.error("--project is required")
    result = measure(args)
    target = Path(args.output or ROOT / "out" / f"scaleout-{result['triples']}.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_suffix(".tmp")
    scratch.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    scratch.replace(target)
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

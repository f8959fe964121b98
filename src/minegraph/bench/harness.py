"""The bench harness (``make bench``): synthetic projects of 10^4, 10^5, 10^6 triples (10^7 with
``--large``) and the real graph; every operation in fresh processes (:mod:`.measure`), medians of
several runs, growth exponents and same-run ratios; results as JSON and Markdown under
``bench/results/`` and the last table in ``docs/performance.md``.

``python -m minegraph.bench.harness [--sizes real,1e4,1e5] [--large] [--rewrites DIR] [--only queries,load]``
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from minegraph.core.project import Project
from minegraph.queries.library import load_query, query_files

from . import machine, page, result_tables, summary, tasks
from .fit import median_of
from .crowd import MANIFEST as CROWD_MANIFEST
from .synth import MANIFEST

#: The generators of synthetic projects: ``synth`` (copies of the real graph with Zipf-skewed extras; sizes
#: named ``1e5``) and ``crowd`` (an independent one: many small sources, a few huge speakers, long decision
#: chains; sizes named ``crowd:1e5``), each with the name of its manifest.
MANIFESTS = {"synth": MANIFEST, "crowd": CROWD_MANIFEST}
GENERATORS = tuple(MANIFESTS)


def generator_of(size: str) -> str | None:
    """The generator of a size's label (None for the real graph)."""
    return None if size == "real" else size.split(":")[0] if ":" in size else "synth"


def large(size: str) -> bool:
    return size.split(":")[-1] == LARGE

DEFAULT_SIZES = ("real", "1e4", "1e5", "1e6")
LARGE = "1e7"
#: What a large size measures: loads (not rdflib's: minutes and over 10 GB), the persisted store with every
#: library query on it (a per-query in-memory load would cost a load and GBs per query), network, trace
#: and validation with minegraph's engine (the baselines are past any cap at 10^6 already).
LARGE_SECTIONS = {LARGE: ("load", "validate", "network", "windows", "trace", "store", "processes")}
LARGE_VALIDATORS = ("sparql",)
#: Validation, each in fresh processes: minegraph.validate with its default engine (SPARQL over the store)
#: and with pySHACL, then the shapes alone on pySHACL and on pyrudof (baselines).
VALIDATORS = ("sparql", "pyshacl", "pyshacl-alone", "pyrudof")


@dataclass
class Settings:
    """What to run, how often, and for how long at most."""

    project: Path
    sizes: list[str]
    seed: int = 1
    runs: int = 3  # processes per load / validation / network measurement (median taken)
    query_runs: int = 5  # runs after the first inside a query's process (p50, p95)
    rdflib_cap: float = 20.0  # seconds per rdflib query run
    rdflib_max: int = 200_000  # rdflib's engine only up to this many triples (its load alone is minutes above)
    timeout: float = 900.0  # seconds per measurement process
    validate_cap: float = 600.0  # seconds per validation process (pySHACL at 10^6 is recorded as "> cap")
    query_timeout: float = 900.0  # seconds per query process (a query that does not finish is "> timeout")
    merge: Path | None = None  # an earlier results file whose other sizes join this run's tables
    work: Path = Path("out/bench")
    results: Path = Path("bench/results")
    docs: Path = Path("docs/performance.md")
    notes: Path = Path("bench/notes.md")  # why the missed targets are missed (by hand), shown in docs
    rewrites: Path | None = None
    command: str = ""
    only: tuple[str, ...] = ()  # the sections to run (see SECTIONS); empty: all
    generators: tuple[str, ...] = GENERATORS  # which generators make the synthetic sizes
    generated: dict[str, dict] = field(default_factory=dict)  # size -> the generator's time and peak RSS
    capped: dict[str, str] = field(default_factory=dict)  # validator -> the size where it ran past the cap


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(kind: str, root: Path, timeout: float, *options: str) -> dict:
    """One measurement in a fresh process; a timeout or a failure is recorded, not raised."""
    command = [sys.executable, "-m", "minegraph.bench.measure", kind, "--project", str(root), *options]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["exit " + str(done.returncode)])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare(size: str, settings: Settings) -> tuple[Path, bool]:
    """The project directory of a size (the real one, or a synthetic one reused when its manifest
    matches) and whether it is synthetic."""
    if size == "real":
        return settings.project, False
    generator, amount = generator_of(size), size.split(":")[-1]
    target = int(float(amount))
    root = settings.work / f"{generator}-{amount}-s{settings.seed}"
    manifest = root / MANIFESTS[generator]
    if manifest.is_file():
        known = json.loads(manifest.read_text())
        if known.get("target") == target and known.get("seed") == settings.seed and _same_queries(root, settings.project):
            return root, True
    say(f"generating {size} triples into {root}")
    outcome = measure(generator, settings.project, settings.timeout * 4, "--output", str(root), "--triples", str(target),
                      "--seed", str(settings.seed))
    settings.generated[size] = outcome
    if "wall" not in outcome:
        raise RuntimeError(f"the generator failed at {size} triples: {outcome}")
    return root, True


def _same_queries(root: Path, project: Path) -> bool:
    """Whether a generated project still holds the library's current queries (it copied them when made)."""
    def texts(folder: Path) -> dict[str, bytes]:
        return {p.name: load_query(p).text for p in query_files(Project(folder))}
    return texts(root) == texts(project)


def repeated(kind: str, root: Path, settings: Settings, *options: str, slow: float = 120.0) -> list[dict]:
    """``settings.runs`` processes of one measurement; one only when the first is slower than ``slow`` s."""
    runs = [measure(kind, root, settings.timeout, *options)]
    if "wall" in runs[0] and runs[0]["wall"] < slow:
        runs += [measure(kind, root, settings.timeout, *options) for _ in range(settings.runs - 1)]
    return runs


def bench_size(size: str, settings: Settings) -> dict:
    root, synthetic = prepare(size, settings)
    result: dict = {"size": size, "project": str(root), "synthetic": synthetic, "load": {}, "queries": {},
                    "load_average": [round(x, 2) for x in os.getloadavg()]}
    for section in SECTIONS:
        if (not settings.only or section in settings.only) and section in (LARGE_SECTIONS[LARGE] if large(size) else SECTIONS):
            SECTIONS[section](root, size, settings, result)
    result["triples"] = result.get("triples") or _triples(root)
    return result


def _load(root: Path, size: str, settings: Settings, result: dict) -> None:
    for engine in ("raw", "project") if large(size) else ("raw", "project", "rdflib"):
        say(f"{size}: load {engine}")
        result["load"][engine] = repeated(f"load-{engine}", root, settings)
    result["triples"] = next((r["triples"] for r in result["load"]["raw"] if "triples" in r), None)


def _queries(root: Path, size: str, settings: Settings, result: dict) -> None:
    for path in query_files(Project(root)):
        say(f"{size}: query {path.stem}")
        result["queries"][path.stem] = {engine: measure("query", root, settings.query_timeout, "--engine", engine,
                                                        "--query", str(path), "--runs", str(settings.query_runs))
                                        for engine in ("project", "raw")}


def _pair(root: Path, size: str, settings: Settings, result: dict) -> None:
    say(f"{size}: every query, run_query and raw alternating in one process")
    result["pair"] = measure("pair", root, settings.query_timeout * 4, "--runs", str(settings.query_runs),
                             "--cap", "10")


def _rdflib(root: Path, size: str, settings: Settings, result: dict) -> None:
    triples = result.get("triples") or _triples(root)
    if triples and triples <= settings.rdflib_max:
        say(f"{size}: every query on rdflib (cap {settings.rdflib_cap:.0f} s each)")
        rdflib = measure("queries-rdflib", root, settings.timeout * 2, "--runs", "3", "--cap", str(settings.rdflib_cap))
        for name, figures in rdflib.get("queries", {}).items():
            result["queries"].setdefault(name, {})["rdflib"] = figures


def _validate(root: Path, size: str, settings: Settings, result: dict) -> None:
    result["validate"] = validations(size, root, settings)


def _network(root: Path, size: str, settings: Settings, result: dict) -> None:
    say(f"{size}: network")
    result["network"] = repeated("network", root, settings)
    if not large(size):  # exact betweenness costs nodes × edges: hours at 10^7
        say(f"{size}: network, betweenness exact")
        result["network_exact"] = [measure("network-exact", root, settings.timeout)]


def _windows(root: Path, size: str, settings: Settings, result: dict) -> None:
    say(f"{size}: discourse window sequence (30d every 7d over 2025)")
    result["windows"] = repeated("windows", root, settings)


def _trace(root: Path, size: str, settings: Settings, result: dict) -> None:
    say(f"{size}: trace of a statement, an actor and a decision")
    result["trace"] = measure("trace", root, settings.timeout, "--runs", str(settings.query_runs)).get("trace", {})


def _store(root: Path, size: str, settings: Settings, result: dict) -> None:
    """The persisted store: a cold build, reopens in fresh processes and every library query on the
    reopened on-disk store (what the CLI queries; at the large sizes the only per-query figures)."""
    say(f"{size}: persisted store (cold build, reopen)")
    settings.work.mkdir(parents=True, exist_ok=True)
    location = Path(tempfile.mkdtemp(prefix="store-", dir=settings.work))
    try:
        cold = measure("store-cold", root, settings.timeout, "--output", str(location))
        memory = result["load"].get("project") or repeated("load-project", root, settings)
        _compare(cold, memory)
        reopen = [measure("store-reopen", root, settings.timeout, "--output", str(location)) for _ in range(settings.runs)]
        result["store"] = {"cold": [cold], "reopen": reopen}
        if "wall" in cold:
            say(f"{size}: every library query on the on-disk store")
            result["disk"] = measure("disk-queries", root, settings.query_timeout * 4, "--output", str(location),
                                     "--runs", str(settings.query_runs), "--cap", "30")
    finally:
        shutil.rmtree(location, ignore_errors=True)


def _compare(cold: dict, memory: list[dict]) -> None:
    """The cold build against the in-memory load, each measured in fresh processes of its own (never both
    in one process: at 10^7 the in-memory store would still be alive during the build and its peak)."""
    wall, cpu = median_of(memory), median_of(memory, "cpu")
    if "wall" in cold and wall and cpu:
        cold.update(memory_load=wall, memory_cpu=cpu, ratio=cold["wall"] / wall, cpu_ratio=cold["cpu"] / cpu)


#: From this size on, whole CLI processes are timed on synthetic graphs too (10^6, and 10^7 with --large).
CLI_MIN = 1_000_000


def _processes(root: Path, size: str, settings: Settings, result: dict) -> None:
    """Whole ``minegraph`` processes: on the real graph every command (``run`` included); on a synthetic
    graph of 10^6 triples or more the query, trace, network and validate commands (the first run builds the
    persisted store, untimed), and export up to rdflib's size limit (the release is written with rdflib)."""
    statement = next((run.get("iri") for run in result.get("trace", {}).get("statement", [])), None)
    triples = result.get("triples") or _triples(root) or 0
    if size == "real":
        say(f"{size}: whole minegraph processes")
        result["processes"] = tasks.process_times(root, statement, settings.runs, settings.timeout)
        return
    only = ("query", "trace", "network", "validate") if triples >= CLI_MIN else ()
    only += ("export",) if triples <= settings.rdflib_max else ()
    if only:
        say(f"{size}: minegraph {', '.join(only)}")
        result["processes"] = tasks.process_times(root, statement, 1 if large(size) else settings.runs,
                                                  settings.timeout * 2, only=only)


def _endpoint(root: Path, size: str, settings: Settings, result: dict) -> None:
    """``minegraph serve`` beside ``oxigraph serve-read-only`` on the same persisted store (one process
    starting both servers; requests alternate, one at a time)."""
    say(f"{size}: endpoint beside oxigraph serve-read-only")
    result["endpoint"] = measure("endpoint", root, settings.query_timeout * 4, "--runs", str(settings.query_runs),
                                 "--cap", "10")


def _rewrites(root: Path, size: str, settings: Settings, result: dict) -> None:
    if settings.rewrites:
        result["rewrites"] = bench_rewrites(root, settings)


def _triples(root: Path) -> int | None:
    """The graph's size without a load measurement: the generator's count, else unknown."""
    manifest = next((root / m for m in MANIFESTS.values() if (root / m).is_file()), root / MANIFEST)
    return json.loads(manifest.read_text()).get("triples") if manifest.is_file() else None


#: The parts of a size's measurement, in order; ``--only`` picks some.
SECTIONS = {"load": _load, "queries": _queries, "pair": _pair, "rdflib": _rdflib, "validate": _validate, "network": _network,
            "windows": _windows, "trace": _trace, "store": _store, "processes": _processes, "endpoint": _endpoint,
            "rewrites": _rewrites}


def validations(size: str, root: Path, settings: Settings) -> dict:
    """Every validator on one size, each capped; one that ran past the cap at a smaller size is not run again."""
    found = {}
    for engine in LARGE_VALIDATORS if large(size) else VALIDATORS:
        if engine in settings.capped:
            found[engine] = [{"timeout": settings.validate_cap, "skipped": f"over the cap at {settings.capped[engine]}"}]
            continue
        say(f"{size}: validate ({engine})")
        found[engine] = repeated("validate", root, replace(settings, timeout=settings.validate_cap), "--engine", engine)
        if any("timeout" in r for r in found[engine]):
            settings.capped[engine] = size
    return found


def bench_rewrites(root: Path, settings: Settings) -> dict:
    """Each fixture ``NAME.rq`` (a rewritten library query) against ``queries/NAME.rq``, raw pyoxigraph."""
    figures = {}
    for fixture in sorted(settings.rewrites.glob("*.rq")):
        say(f"rewrite {fixture.stem}")
        figures[fixture.stem] = {
            variant: measure("query", root, settings.query_timeout, "--engine", "raw", "--query", str(path), "--runs", "3")
            for variant, path in (("original", root / "queries" / fixture.name), ("rewritten", fixture))
        }
    return figures


def run(settings: Settings) -> dict:
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {"started": started.isoformat(timespec="seconds"), "command": settings.command,
               "machine": machine.describe(), "seed": settings.seed, "sizes": []}
    for size in settings.sizes:
        for generator in settings.generators if size != "real" else ("real",):
            results["sizes"].append(bench_size(size if generator in ("real", "synth") else f"{generator}:{size}", settings))
    for entry in results["sizes"]:
        if entry["size"] in settings.generated:
            entry["generated"] = settings.generated[entry["size"]]
    return publish(results, settings, started)


def publish(results: dict, settings: Settings, started: datetime.datetime) -> dict:
    """Merge an earlier run's other sizes if asked, summarise, write JSON, Markdown and the docs page."""
    if settings.merge:
        earlier = json.loads(settings.merge.read_text(encoding="utf-8"))
        kept = [dict(s, run=earlier["started"]) for s in earlier["sizes"] if s["size"] not in settings.sizes]
        results["sizes"] = sorted(kept + [_fill(s, earlier) for s in results["sizes"]], key=_order)
        results["merged_from"] = str(settings.merge)
    results["summary"] = summary.summarise(results)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    settings.results.mkdir(parents=True, exist_ok=True)
    _write(settings.results / f"{stamp}.json", json.dumps(results, indent=1) + "\n")
    markdown = result_tables.markdown(results)
    _write(settings.results / f"{stamp}.md", markdown)
    notes = settings.notes.read_text(encoding="utf-8") if settings.notes.is_file() else ""
    _write(settings.docs, page.performance_page(results, markdown, f"bench/results/{stamp}.json", notes))
    say(f"wrote {settings.results / stamp}.json, .md and {settings.docs}")
    return results


def _fill(size: dict, earlier: dict) -> dict:
    """A size measured only in part (``--only``) completed with the earlier run's other sections
    (whole sections only), listed under ``merged``."""
    before = next((s for s in earlier["sizes"] if s["size"] == size["size"]), None)
    if before is None:
        return size
    filled = dict(size, triples=size.get("triples") or before.get("triples"))
    for key in ("load", "queries", "pair", "validate", "network", "network_exact", "windows", "trace", "store", "disk",
                "processes", "endpoint", "rewrites"):
        if not size.get(key) and before.get(key):
            filled[key] = before[key]
            filled.setdefault("merged", []).append(key)
    return filled  # never one engine's query figures: a ratio compares engines of the same run


def _order(size: dict) -> tuple[str, float]:
    label = size["size"]
    return ("", 0.0) if label == "real" else (generator_of(label), float(label.split(":")[-1]))


def _write(path: Path, text: str) -> None:
    """Atomic: a temporary file beside the target, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _sections(text: str) -> tuple[str, ...]:
    chosen = tuple(s.strip() for s in text.split(",") if s.strip())
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown part {', '.join(unknown) or '(none)'}; choose from {', '.join(SECTIONS)}")
    return chosen


def _generators(text: str) -> tuple[str, ...]:
    chosen = tuple(g.strip() for g in text.split(",") if g.strip())
    if not chosen or set(chosen) - set(GENERATORS):
        raise argparse.ArgumentTypeError(f"choose from {', '.join(GENERATORS)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES), help="comma-separated: real, 1e4, 1e5, 1e6 …")
    parser.add_argument("--large", action="store_true", help=f"add {LARGE} triples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generators", default=",".join(GENERATORS), type=_generators,
                        help=f"comma-separated generators of the synthetic sizes: {', '.join(GENERATORS)} (default: both)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query-runs", type=int, default=5, help="runs after the first inside a query's process")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per measurement process")
    parser.add_argument("--query-timeout", type=float, help="seconds per query process (default: --timeout)")
    parser.add_argument("--rdflib-cap", type=float, default=20.0)
    parser.add_argument("--validate-cap", type=float, default=600.0, help="seconds per validation process")
    parser.add_argument("--merge", type=Path, help="an earlier results JSON whose other sizes join the tables")
    parser.add_argument("--rewrites", type=Path, default=Path("benchmarks/rewrites"),
                        help="directory of rewritten .rq fixtures to compare with the library's (none: empty)")
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--render", type=Path, help="only re-render the tables of an existing results JSON")
    parser.add_argument("--only", default=",".join(SECTIONS), type=_sections,
                        help=f"comma-separated parts to measure: {', '.join(SECTIONS)} (default: all)")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()] + ([LARGE] if args.large else [])
    settings = Settings(project=args.project.resolve(), sizes=sizes, seed=args.seed, runs=args.runs,
                        query_runs=args.query_runs,
                        timeout=args.timeout, query_timeout=args.query_timeout or args.timeout,
                        rdflib_cap=args.rdflib_cap, validate_cap=args.validate_cap, merge=args.merge, only=args.only,
                        generators=args.generators,
                        rewrites=args.rewrites if args.rewrites and args.rewrites.is_dir() else None,
                        command="python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]))
    if args.render:
        results = json.loads(args.render.read_text(encoding="utf-8"))
        publish(results, settings, datetime.datetime.fromisoformat(results["started"]))
    else:
        run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())

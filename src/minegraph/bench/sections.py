"""What one size's bench measures: the run's :class:`Settings`, and the sections (load, queries, pair,
rdflib, validate, network, windows, trace, store, processes, endpoint, rewrites), each timing operations in
fresh measurement processes (:mod:`.measure`) through :func:`measure` and :func:`repeated`. The harness
(:mod:`.harness`) picks the sizes and sections and writes the results."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from minegraph.core.project import Project
from minegraph.queries.library import query_files

from . import tasks
from .crowd import MANIFEST as CROWD_MANIFEST
from .fit import median_of
from .synth import MANIFEST

#: The generators of synthetic projects: ``synth`` (copies of the real graph with Zipf-skewed extras; sizes
#: named ``1e5``) and ``crowd`` (an independent one: many small sources, a few huge speakers, long decision
#: chains; sizes named ``crowd:1e5``), each with the name of its manifest.
MANIFESTS = {"synth": MANIFEST, "crowd": CROWD_MANIFEST}
GENERATORS = tuple(MANIFESTS)


def large(size: str) -> bool:
    return size.split(":")[-1] == LARGE


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


def repeated(kind: str, root: Path, settings: Settings, *options: str, slow: float = 120.0) -> list[dict]:
    """``settings.runs`` processes of one measurement; one only when the first is slower than ``slow`` s."""
    runs = [measure(kind, root, settings.timeout, *options)]
    if "wall" in runs[0] and runs[0]["wall"] < slow:
        runs += [measure(kind, root, settings.timeout, *options) for _ in range(settings.runs - 1)]
    return runs


def _load(root: Path, size: str, settings: Settings, result: dict) -> None:
    for engine in ("raw", "project") if large(size) else ("raw", "project", "rdflib"):
        say(f"{size}: load {engine}")
        result["load"][engine] = repeated(f"load-{engine}", root, settings)
    result["triples"] = next((r["triples"] for r in result["load"]["raw"] if "triples" in r), None)


def _queries(root: Path, size: str, settings: Settings, result: dict) -> None:
    for path in query_files(Project(root)):
        say(f"{size}: query {path.stem}")
        result["queries"][path.stem] = {
            engine: measure(
                "query",
                root,
                settings.query_timeout,
                "--engine",
                engine,
                "--query",
                str(path),
                "--runs",
                str(settings.query_runs),
            )
            for engine in ("project", "raw")
        }


def _pair(root: Path, size: str, settings: Settings, result: dict) -> None:
    say(f"{size}: every query, run_query and raw alternating in one process")
    result["pair"] = measure(
        "pair", root, settings.query_timeout * 4, "--runs", str(settings.query_runs), "--cap", "10"
    )


def _rdflib(root: Path, size: str, settings: Settings, result: dict) -> None:
    triples = result.get("triples") or triples_of(root)
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
        reopen = [
            measure("store-reopen", root, settings.timeout, "--output", str(location)) for _ in range(settings.runs)
        ]
        result["store"] = {"cold": [cold], "reopen": reopen}
        if "wall" in cold:
            say(f"{size}: every library query on the on-disk store")
            result["disk"] = measure(
                "disk-queries",
                root,
                settings.query_timeout * 4,
                "--output",
                str(location),
                "--runs",
                str(settings.query_runs),
                "--cap",
                "30",
            )
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
    graph of 10^6 triples or more the query, trace, network and validate commands and claims-by-source beside
    raw pyoxigraph on the same store (the first run builds the persisted store, untimed), and export up to rdflib's size limit (the release is written with rdflib)."""
    statement = next((run.get("iri") for run in result.get("trace", {}).get("statement", [])), None)
    triples = result.get("triples") or triples_of(root) or 0
    if size == "real":
        say(f"{size}: whole minegraph processes")
        result["processes"] = tasks.process_times(root, statement, settings.runs, settings.timeout)
        return
    only = ("query", "trace", "network", "validate", "claims", "claims-raw") if triples >= CLI_MIN else ()
    only += ("export",) if triples <= settings.rdflib_max else ()
    if only:
        say(f"{size}: minegraph {', '.join(only)}")
        result["processes"] = tasks.process_times(
            root, statement, 1 if large(size) else settings.runs, settings.timeout * 2, only=only
        )


def _endpoint(root: Path, size: str, settings: Settings, result: dict) -> None:
    """``minegraph serve`` beside ``oxigraph serve-read-only`` on the same persisted store (one process
    starting both servers; requests alternate, one at a time)."""
    say(f"{size}: endpoint beside oxigraph serve-read-only")
    result["endpoint"] = measure(
        "endpoint", root, settings.query_timeout * 4, "--runs", str(settings.query_runs), "--cap", "10"
    )


def _rewrites(root: Path, size: str, settings: Settings, result: dict) -> None:
    if settings.rewrites:
        result["rewrites"] = bench_rewrites(root, settings)


def triples_of(root: Path) -> int | None:
    """The graph's size without a load measurement: the generator's count, else unknown."""
    manifest = next((root / m for m in MANIFESTS.values() if (root / m).is_file()), root / MANIFEST)
    return json.loads(manifest.read_text()).get("triples") if manifest.is_file() else None


#: The parts of a size's measurement, in order; ``--only`` picks some.
SECTIONS = {
    "load": _load,
    "queries": _queries,
    "pair": _pair,
    "rdflib": _rdflib,
    "validate": _validate,
    "network": _network,
    "windows": _windows,
    "trace": _trace,
    "store": _store,
    "processes": _processes,
    "endpoint": _endpoint,
    "rewrites": _rewrites,
}


def validations(size: str, root: Path, settings: Settings) -> dict:
    """Every validator on one size, each capped; one that ran past the cap at a smaller size is not run again."""
    found = {}
    for engine in LARGE_VALIDATORS if large(size) else VALIDATORS:
        if engine in settings.capped:
            found[engine] = [
                {"timeout": settings.validate_cap, "skipped": f"over the cap at {settings.capped[engine]}"}
            ]
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
            variant: measure(
                "query", root, settings.query_timeout, "--engine", "raw", "--query", str(path), "--runs", "3"
            )
            for variant, path in (("original", root / "queries" / fixture.name), ("rewritten", fixture))
        }
    return figures

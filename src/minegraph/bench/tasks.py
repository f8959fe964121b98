"""Bench measurements beyond the library queries: the trace of a statement, an actor and a decision; the
persisted store (cold build against an in-memory load, reopen in a fresh process); whole ``minegraph``
processes (query, trace, network, validate, export), timed from outside as a user waits for them.

The first three run inside a fresh measurement process (:mod:`.measure`); :func:`process_times` is
called by :mod:`.harness` and times the CLI in child processes of its own.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from minegraph.provenance.render import render
from minegraph.queries.library import internal_query
from minegraph.queries.run import execute
from minegraph.store import persisted_store

from . import targets


def trace_targets(store, root: Path) -> dict[str, str]:
    """One node of each kind to trace: the first statement, actor and decision by IRI (deterministic)."""
    first: dict[str, str] = {}
    for row in execute(internal_query("trace-search-texts"), {}, store).rows:
        kind, node = row["kind"], row["node"]
        if kind not in first or node < first[kind]:
            first[kind] = node
    return first


def trace_times(root: Path, runs: int) -> dict:
    """Wall time of ``trace`` (card built, rendered as text) per kind, on an in-memory store: p50 as
    ``wall`` (one entry per kind, a list like every other operation's runs)."""
    # lazy: ~16 ms of imports, only on this path
    from minegraph.provenance.resolve import Target, trace

    store, where = targets.project_store(root), targets.project(root)
    found = {}
    for kind, iri in sorted(trace_targets(store, root).items()):
        target = Target(iri, kind)

        def traced(target=target) -> list[str]:
            return [render(store, target, trace(store, target, where), "text", 100)]

        figures = targets.repeat(traced, runs)
        found[kind] = [{"iri": iri, "wall": figures["p50"], **figures}]
    return {"trace": found}


def store_cold(root: Path, location: Path) -> dict:
    """A cold build of the persisted store at ``location``, alone in this fresh process (its peak RSS is the
    build's own; the in-memory load it is compared with runs in processes of its own, see :mod:`.harness`)."""
    cold, cpu, store = targets.timed(lambda: persisted_store(targets.project(root), location=location))
    return {"wall": cold, "cpu": cpu, "triples": store.triple_count()}


def store_reopen(root: Path, location: Path) -> dict:
    """Reopening a current persisted store (fingerprint checked) and a first tiny query, in this fresh process."""
    wall, cpu, answer = targets.timed(
        lambda: persisted_store(targets.project(root), location=location, rebuild=False).query("ASK {}").boolean)
    return {"wall": wall, "cpu": cpu, "answered": answer}


#: Whole processes on a project: a library query, a trace, the network, validation; ``run`` (the main job,
#: its pictures and report written under the project's ``out/``, reused between the runs) on the real graph.
COMMANDS = {
    "query": ["query", "in-force-on-date", "-p", "date=2025-01-01", "-f", "tsv"],
    "trace": ["trace", "--format", "json", "{statement}"],
    "network": ["network"],
    "validate": ["validate"],
    "run": ["run", "--output", "out/bench-run", "--width", "120"],  # under the project: kept between runs
}


def process_times(root: Path, statement: str | None, runs: int, timeout: float, only: tuple[str, ...] = ()) -> dict:
    """Median wall and CPU time (user + sys of the process and its children) of whole ``minegraph``
    processes after one warm-up run (which brings the persisted store up to date); ``export`` writes
    into a scratch directory each time."""
    found = {}
    scratch = Path(tempfile.mkdtemp(prefix="minegraph-bench-process-"))
    commands = {name: [a.replace("{statement}", statement or "").replace("{scratch}", str(scratch)) for a in args]
                for name, args in COMMANDS.items() if statement or "{statement}" not in args}
    commands["export"] = ["export", "--output", str(scratch / "dist")]
    commands = {name: args for name, args in commands.items() if not only or name in only}
    try:
        for name, args in commands.items():
            found[name] = [_timed_process([sys.executable, "-m", "minegraph", "--project", str(root), *args], runs, timeout)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return found


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_process(command: list[str], runs: int, timeout: float) -> dict:
    times, cpus = [], []
    for attempt in range(runs + 1):
        started, cpu = time.perf_counter(), _children_cpu()
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"timeout": timeout}
        if done.returncode not in (0, 1):  # validate exits 1 when the graph does not conform
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            return {"error": lines[-1] if lines else f"exit {done.returncode}"}
        if attempt:  # the first run is the warm-up
            times.append(time.perf_counter() - started)
            cpus.append(_children_cpu() - cpu)
    return {"wall": statistics.median(times), "best": min(times), "cpu": statistics.median(cpus), "runs": len(times)}

"""Bench measurements beyond the library queries: the trace of a statement, an actor and a decision; the
persisted store (cold build against an in-memory load, reopen in a fresh process); whole ``minegraph``
processes (query, trace, network, validate, export), timed from outside as a user waits for them.

The first three run inside a fresh measurement process (:mod:`.measure`); :func:`process_times` is
called by :mod:`.harness` and times the CLI in child processes of its own.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from minegraph.provenance.render import render
from minegraph.queries.library import internal_query
from minegraph.queries.run import execute
from minegraph.store import persisted_store
from minegraph.store.cache import default_location, read_manifest
from minegraph.store.database import read_only

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
        lambda: persisted_store(targets.project(root), location=location, rebuild=False).query("ASK {}").boolean
    )
    return {"wall": wall, "cpu": cpu, "answered": answer}


#: Whole processes on a project: a library query, a trace, the network, validation; ``run`` (the main job,
#: its pictures and report written under the project's ``out/``, reused between the runs) on the real graph.
COMMANDS = {
    "query": ["query", "in-force-on-date", "-p", "date=2025-01-01", "-f", "tsv"],
    "trace": ["trace", "--format", "json", "{statement}"],
    "network": ["network"],
    "validate": ["validate"],
    "run": ["run", "--output", "out/bench-run", "--width", "120"],  # under the project: kept between runs
    "claims": ["query", "claims-by-source", "--width", "120"],  # a table: labels fetched for the IRIs in hand
}
#: Whole processes of raw pyoxigraph on the same persisted store: the baselines of the commands above.
RAW_COMMANDS = {"claims-raw": "claims-by-source"}


def process_times(root: Path, statement: str | None, runs: int, timeout: float, only: tuple[str, ...] = ()) -> dict:
    """Median wall and CPU time (user + sys of the process and its children) of whole ``minegraph``
    processes after one warm-up run (which brings the persisted store up to date); ``export`` writes
    into a scratch directory each time."""
    found = {}
    scratch = Path(tempfile.mkdtemp(prefix="minegraph-bench-process-"))
    commands = {
        name: [a.replace("{statement}", statement or "").replace("{scratch}", str(scratch)) for a in args]
        for name, args in COMMANDS.items()
        if statement or "{statement}" not in args
    }
    commands["export"] = ["export", "--output", str(scratch / "dist")]
    commands = {
        name: [sys.executable, "-m", "minegraph", "--project", str(root), *args] for name, args in commands.items()
    }
    commands.update(
        {
            name: [
                sys.executable,
                "-m",
                "minegraph.bench.measure",
                "raw-disk-query",
                "--project",
                str(root),
                "--query",
                str(root / "queries" / f"{query}.rq"),
            ]
            for name, query in RAW_COMMANDS.items()
        }
    )
    commands = {name: args for name, args in commands.items() if not only or name in only}
    try:
        for name, args in commands.items():
            found[name] = [_timed_process(args, runs, timeout)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return found


def raw_disk_query(root: Path, path: Path) -> int:
    """Raw pyoxigraph on the project's persisted store (opened read-only, as built by the CLI; never rebuilt):
    the query with its defaults bound, every row written as tab-separated terms. The baseline of a whole
    ``minegraph query`` process. Returns the number of rows."""
    location = default_location(targets.project(root))
    store = read_only(location / read_manifest(location)["database"])
    rows = targets.run_raw(store, targets.bound_query(path)[2])
    out = sys.stdout
    for row in rows:
        out.write("\t".join("" if term is None else str(term) for term in row) + "\n")
    return len(rows)


#: A small Python process that forks the measured command and reports that grandchild's own rusage. Linux
#: keeps the high-water RSS of the memory a child was forked from across its exec, so a command forked
#: straight from a large bench or test process would report the parent's peak as its own.
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as exc:
        sys.stderr.write(f"{sys.argv[2]}: {exc.strerror}\\n")
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as out:
    out.write(f"{code} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(code if code >= 0 else 128 - code)
"""


def _run_child(command: list[str], timeout: float) -> tuple[int, float, float, float]:
    """(exit status, wall, CPU (user + sys), peak RSS in MB) of one child process, its output discarded."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage"
        child = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(report), *command], stdout=out, stderr=err, start_new_session=True
        )
        timer = threading.Timer(timeout, os.killpg, (child.pid, 9))
        timer.start()
        try:
            child.wait()
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        if not report.exists() or child.returncode < 0:
            raise subprocess.TimeoutExpired(command, timeout)
        code, cpu, peak = report.read_text().split()
        code = int(code)
        if code not in (0, 1):  # validate exits 1 when the graph does not conform
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(lines[-1] if lines else f"exit {code}")
    return code, wall, float(cpu), int(peak) / 1024


def _timed_process(command: list[str], runs: int, timeout: float) -> dict:
    times, cpus, peaks = [], [], []
    for attempt in range(runs + 1):
        try:
            _, wall, cpu, peak = _run_child(command, timeout)
        except subprocess.TimeoutExpired:
            return {"timeout": timeout}
        except RuntimeError as exc:
            return {"error": str(exc)}
        if attempt:  # the first run is the warm-up
            times.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
    return {
        "wall": statistics.median(times),
        "best": min(times),
        "cpu": statistics.median(cpus),
        "runs": len(times),
        "peak_mb": max(peaks),
    }

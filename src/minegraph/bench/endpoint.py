"""The endpoint beside Oxigraph's own server: ``minegraph serve`` and ``oxigraph serve-read-only`` on the
same persisted store, both on 127.0.0.1, every library query (defaults bound) sent to each in turn, one
request at a time (a bounded load: the figure is the latency a user of each server sees, not throughput).

Called by :mod:`.measure` (kind ``endpoint``); needs the ``serve`` extra and the Oxigraph server binary
(the ``server`` extra), else the result says what is missing.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from minegraph.store import persisted_store

from . import targets
from .loadserver import HOST, free_port, start_server

ACCEPT = "application/sparql-results+json"


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` command of this environment (beside the interpreter) or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def ask(endpoint: str, text: str, timeout: float) -> int:
    """POST one query, read the whole answer; its size in bytes."""
    request = urllib.request.Request(
        endpoint,
        data=text.encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT},
    )
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return len(answer.read())


def _wait(endpoint: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve-read-only exited with {process.returncode}")
        try:
            ask(endpoint, "ASK {}", 5)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("oxigraph serve-read-only did not answer within 90 s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def endpoint_times(root: Path, runs: int, budget: float) -> dict:
    """p50 and best latency of every library query on both servers, requests alternating, and their ratio
    (minegraph / Oxigraph server); the answers' sizes show whether both sent whole answers."""
    binary = oxigraph_binary()
    if binary is None:
        return {"missing": "the oxigraph server binary (the server extra) is not installed"}

    where = targets.project(root)
    store = persisted_store(where)  # brought up to date here, so neither server builds it while timed
    database = store.location  # the RocksDB directory inside .store/
    store.close()
    logs = Path(tempfile.mkdtemp(prefix="minegraph-bench-endpoint-"))
    port, oxigraph = free_port(), None
    ours = start_server(root, logs, "--max-rows", "100000000", "--timeout", str(budget * 4), "--workers", "1")
    try:  # Oxigraph's server second: a secondary read-only opening of the store minegraph's server holds
        oxigraph = subprocess.Popen(
            [binary, "serve-read-only", "--location", str(database), "--bind", f"{HOST}:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(f"http://{HOST}:{port}/query", oxigraph)
        sides = {"minegraph": ours.endpoint, "oxigraph": f"http://{HOST}:{port}/query"}
        found = {}
        for path in targets.library(root):
            name, _, text = targets.bound_query(path)
            calls = {side: (lambda url=url, text=text: ask(url, text, budget * 4)) for side, url in sides.items()}
            try:
                sizes = {side: call() for side, call in calls.items()}  # the warm-up round, answers' sizes kept
                times = targets.alternate(calls, runs, budget)
            except TimeoutError:  # one slow query is recorded as such; the others are still compared
                found[name] = {"timeout": budget * 4, "ratio_p50": None}
                continue
            found[name] = {
                **times,
                "bytes": sizes,
                "ratio_p50": _ratio(times, "p50"),
                "ratio_best": _ratio(times, "best"),
            }
        ratios = [q["ratio_p50"] for q in found.values() if q["ratio_p50"]]
        return {
            "queries": found,
            "median_ratio": statistics.median(ratios) if ratios else None,
            "worst_ratio": max(ratios) if ratios else None,
        }
    finally:
        ours.stop()
        if oxigraph is not None:
            _stop(oxigraph)
        shutil.rmtree(logs, ignore_errors=True)


def _ratio(times: dict, stat: str) -> float | None:
    ours, theirs = times["minegraph"][stat], times["oxigraph"][stat]
    return ours / theirs if theirs else None

"""Every library query on the persisted (on-disk) store, reopened in a fresh process: how the largest
graphs are used, since the per-query measurements of :mod:`.measure` load the files into memory for
each query, which at 10^7 triples would cost a load per query and several GB each time.

Called by :mod:`.measure` (kind ``disk-queries``) after :func:`.tasks.store_cold` built the store.
"""

from __future__ import annotations

import resource
from pathlib import Path

from minegraph.store import persisted_store

from . import targets


def disk_queries(root: Path, location: Path, runs: int, budget: float) -> dict:
    """First run, p50, p95, rows, a fingerprint and the process's peak RSS so far of each library query
    through ``run_query`` on the store persisted at ``location`` (not rebuilt: a stale store is an error)."""
    wall, _, store = targets.timed(lambda: persisted_store(targets.project(root), location=location, rebuild=False))
    found = {}
    for path in targets.library(root):
        name, params, _ = targets.bound_query(path)
        found[name] = targets.repeat(targets.library_call(root, store, path, params), runs, budget=budget)
        found[name]["peak_mb_so_far"] = (
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )  # which query raised it
    return {"reopen": wall, "triples": store.triple_count(), "queries": found}

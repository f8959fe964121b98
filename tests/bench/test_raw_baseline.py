"""The raw side of the query comparison keeps what ``run_query`` keeps (a tuple of Oxigraph terms per row)
and answers the same rows, so a ratio between them measures minegraph's own work."""

from __future__ import annotations

from pathlib import Path

from minegraph.bench import targets

ROOT = Path(__file__).resolve().parents[2]


def test_raw_rows_are_tuples_with_the_same_fingerprint_as_run_query():
    store = targets.project_store(ROOT)
    path = ROOT / "queries" / "withdrawals-timeline.rq"
    name, params, text = targets.bound_query(path)
    raw = targets.run_raw(store.native, text)
    ours = targets.library_call(ROOT, store, path, params)()
    assert raw and all(isinstance(row, tuple) for row in raw)
    assert len(raw[0]) == len(raw.variables)
    assert targets.digest(raw) == targets.digest(ours)

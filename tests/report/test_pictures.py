"""Pictures are redrawn only when their inputs change: the key of what they were drawn from is stored
beside each, a store without a digest always redraws, and the key follows the graph's files."""

from __future__ import annotations

from pathlib import Path

from minegraph.core.project import Project
from minegraph.report.picture_cache import current, drawn, inputs_key, store_digest
from minegraph.store import persisted_store
from minegraph.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[2]


def test_a_picture_is_drawn_once_per_key_and_again_when_the_key_changes(tmp_path):
    paths = [tmp_path / "p.png", tmp_path / "p.svg"]
    calls = []

    def draw():
        calls.append(1)
        for path in paths:
            path.write_bytes(b"picture %d" % len(calls))
        return paths

    assert drawn(paths, "k1", draw) == paths and len(calls) == 1
    assert drawn(paths, "k1", draw) == paths and len(calls) == 1  # reused
    assert drawn(paths, "k2", draw) and len(calls) == 2  # inputs changed
    paths[1].unlink()
    assert not current(paths, "k2")
    drawn(paths, "k2", draw)
    assert len(calls) == 3  # a missing file is drawn again
    drawn(paths, None, draw)
    drawn(paths, None, draw)
    assert len(calls) == 5  # no key: always drawn


def test_the_key_comes_from_the_persisted_store_and_an_in_memory_store_has_none(tmp_path):
    project = Project(ROOT)
    assert inputs_key(OxigraphStore.memory(project.all_rdf_files()), "minegraph.report.charts") is None
    store = persisted_store(project, location=tmp_path / "store")
    digest = store_digest(store)
    assert digest and len(digest) == 64
    key = inputs_key(store, "minegraph.report.charts")
    assert key and key == inputs_key(store, "minegraph.report.charts")
    assert key != inputs_key(store, "minegraph.report.charts", extra="another picture")

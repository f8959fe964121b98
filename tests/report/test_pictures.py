"""Pictures are redrawn only when their inputs change: the key of what they were drawn from is stored
beside each, a store without a digest always redraws, and the key follows the graph's files. The analyses
behind them are kept beside the store under the same kind of key; a figure drawn twice gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from minegraph.core.project import Project
from minegraph.report.picture_cache import current, drawn, inputs_key, kept, store_digest
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


def test_an_analysis_is_kept_beside_the_store_and_computed_again_when_the_key_changes(tmp_path):
    store = persisted_store(Project(ROOT), location=tmp_path / "store")
    calls = []

    def compute():
        calls.append(1)
        return {"camps": ("a", "b"), "score": 0.5, "calls": len(calls)}

    first = kept(store, "facts", "k1", compute)
    assert first == {"camps": ["a", "b"], "score": 0.5, "calls": 1}  # as a later run reads it back
    assert kept(store, "facts", "k1", compute) == first and len(calls) == 1  # kept
    assert kept(store, "facts", "k2", compute)["calls"] == 2  # inputs changed
    (tmp_path / "store" / "computed" / "facts.json").write_text("{not json", encoding="utf-8")
    assert kept(store, "facts", "k2", compute)["calls"] == 3  # an unreadable record is computed again
    kept(store, "facts", None, compute)
    kept(store, "facts", None, compute)
    assert len(calls) == 5  # no key: always computed
    memory = OxigraphStore.memory(Project(ROOT).all_rdf_files()[:1])
    assert kept(memory, "facts", "k1", compute)["calls"] == 6  # a store without a location keeps nothing


def test_the_key_follows_the_query_library(tmp_path):
    import shutil

    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / folder, tmp_path / "project" / folder)
    project = Project(tmp_path / "project")
    store = persisted_store(project, location=tmp_path / "store")
    before = inputs_key(store, project=project)
    assert before == inputs_key(store, project=project)
    query = tmp_path / "project" / "queries" / "stance-edges.rq"
    query.write_text(query.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert inputs_key(store, project=project) != before


def test_a_figure_written_twice_gives_the_same_bytes(tmp_path):
    from matplotlib.figure import Figure

    from minegraph.analysis.plot import write_figure

    figure = Figure(figsize=(3, 2))
    figure.add_subplot().plot([0, 1, 2], [2, 0, 1], clip_on=True)
    first = [p.read_bytes() for p in write_figure(figure, tmp_path / "a", "f")]
    second = [p.read_bytes() for p in write_figure(figure, tmp_path / "b", "f")]
    assert first == second and b"clip-path" in first[1]

"""A session holds one project's store, its as-of views and their index, and releases them together."""

from __future__ import annotations

import minegraph
from minegraph.store.session import Session, default_session


def test_a_session_opens_its_store_once_and_closes_it_with_its_views(real_project):
    with Session(real_project) as session:
        store = session.store
        assert session.store is store  # unchanged inputs: the same store
        view = session.as_of("2025-04-09")
        assert session.as_of("2025-04-09") is view and view.triple_count() < store.triple_count()
        assert session.as_of("2025-04-10").triple_count() > view.triple_count()
    assert session._store is None and not session._views and not session._indexed


def test_a_session_reopens_its_store_when_the_graph_changes(real_project, tmp_path):
    import shutil

    from minegraph.core.project import Project

    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(real_project.root / folder, tmp_path / folder)
    project = Project(tmp_path)
    with Session(project) as session:
        before = session.store.triple_count()
        (tmp_path / "graph" / "extra.ttl").write_text(
            "<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n", encoding="utf-8"
        )
        assert session.store.triple_count() == before + 1


def test_a_store_handed_to_a_session_stays_the_callers(real_project, real_stores):
    store = real_stores["oxigraph"]
    with Session(real_project, store=store) as session:
        assert session.store is store
    assert store.triple_count() > 0  # still open: the session did not close what it did not open


def test_the_facade_runs_on_the_default_session(real_project):
    session = minegraph.session(real_project)
    assert session is default_session(real_project) and isinstance(session, minegraph.Session)
    rows = minegraph.run_query("who-said-what", project=real_project)
    assert len(rows) > 0 and session.store is not None
    session.close()
    assert session._store is None
    assert len(minegraph.run_query("who-said-what", project=real_project)) == len(rows)  # reopened on use

"""Shared fixtures: the real project and its graph (loaded once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from minegraph.core.project import Project

ROOT = Path(__file__).resolve().parents[1]
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def real_graph(project):
    """ontology/ + graph/ in one rdflib graph (read-only: do not modify)."""
    from minegraph.core.rdf_io import load_graph

    return load_graph(project.all_rdf_files())


def pytest_collection_modifyitems(config, items):
    """``make test`` runs on two pytest-xdist workers (``--dist loadgroup``): each test file stays on
    one worker, so its module and session fixtures are built once; tests/validation shares one worker
    (the engine-equality tests reuse the session's pySHACL reports of the shape and check tests), and so
    does tests/scaleout (one Virtuoso instance started and pushed to)."""
    shared = {("tests", "validation"): "validation", ("tests", "scaleout"): "scaleout"}
    for item in items:
        path = Path(str(item.fspath)).resolve().relative_to(ROOT)
        item.add_marker(pytest.mark.xdist_group(shared.get(path.parts[:2], path.as_posix())))

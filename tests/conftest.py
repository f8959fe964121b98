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
    one worker, so its module and session fixtures are built once, and tests/scaleout shares one
    worker, so one Virtuoso instance is started and pushed to."""
    for item in items:
        path = Path(str(item.fspath)).resolve().relative_to(ROOT)
        group = "scaleout" if path.parts[:2] == ("tests", "scaleout") else path.as_posix()
        item.add_marker(pytest.mark.xdist_group(group))

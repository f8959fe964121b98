"""Shared fixtures: the real project and its graph (loaded once per session), and a small project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minegraph.core.project import Project

ROOT = Path(__file__).resolve().parents[1]
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"
FIXTURE_GRAPH = ROOT / "tests" / "queries" / "fixtures" / "graph" / "fixture.ttl"


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def real_graph(project):
    """ontology/ + graph/ in one rdflib graph (read-only: do not modify)."""
    from minegraph.core.rdf_io import load_graph

    return load_graph(project.all_rdf_files())


@pytest.fixture
def small_project(tmp_path) -> Path:
    """A project of this test's own: ontology/ and queries/ of the checkout with the small fixture graph
    as graph/fixture.ttl (a release in about a second, a fifth of the real graph's), for the tests
    whose behaviour does not depend on the curation."""
    root = tmp_path / "project"
    for part in ("ontology", "queries"):
        shutil.copytree(ROOT / part, root / part)
    (root / "graph").mkdir()
    shutil.copy(FIXTURE_GRAPH, root / "graph" / "fixture.ttl")
    return root


def pytest_collection_modifyitems(config, items):
    """``make test`` runs on two pytest-xdist workers (``--dist loadgroup``): each test file stays on
    one worker, so its module and session fixtures are built once; tests/validation shares one worker
    (the engine-equality tests reuse the session's pySHACL reports of the shape and check tests), and so
    does tests/scaleout (one Virtuoso instance started and pushed to)."""
    shared = {("tests", "validation"): "validation", ("tests", "scaleout"): "scaleout"}
    for item in items:
        path = Path(str(item.fspath)).resolve().relative_to(ROOT)
        item.add_marker(pytest.mark.xdist_group(shared.get(path.parts[:2], path.as_posix())))

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

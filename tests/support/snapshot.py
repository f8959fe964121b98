"""Fixtures of the analysts' layer: a snapshot of the real project (ontology/, graph/ with its archived
texts, queries/) taken once, the real graph in an in-memory Oxigraph store, and its network analysis.

The snapshot keeps the tests off the repository's .store/ and out/ and gives every test the same files
even while graph/ is being rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minegraph.core.project import Project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def snapshot(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("analysis-project")
    for name in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / name, root / name)
    return Project(root)


@pytest.fixture(scope="session")
def store(snapshot):
    from minegraph.store.oxigraph import OxigraphStore

    return OxigraphStore.memory(snapshot.all_rdf_files())


@pytest.fixture(scope="session")
def analysis(store, snapshot):
    from minegraph.analysis.graphs import analyse

    return analyse(store, snapshot)


@pytest.fixture(scope="session")
def rdf(snapshot):
    """The snapshot's graph in rdflib, to count expected figures independently of the store and the .rq library."""
    from rdflib import Graph

    graph = Graph()
    for path in snapshot.all_rdf_files():
        graph.parse(path, format="turtle")
    return graph

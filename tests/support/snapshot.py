"""Fixtures of the analysts' layers (analysis, provenance, report): a snapshot of the real project (ontology/, graph/ with its archived
texts, queries/) taken once, the real graph in an in-memory Oxigraph store, and its network analysis.

The snapshot keeps the tests off the repository's .store/ and out/ and gives every test the same files
even while graph/ is being rebuilt."""

from __future__ import annotations

import shutil

import pytest

from minegraph.cli import main
from minegraph.core.namespaces import MG
from minegraph.core.project import Project
from tests.support.paths import ROOT


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


def run_cli(project: Project, capsys, *args: str) -> tuple[int, str, str]:
    """Run ``minegraph --project PROJECT ARGS`` in this process: (exit code, stdout, stderr)."""
    code = main(["--project", str(project.root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def count_distinct(rdf, where: str) -> str:
    """COUNT(DISTINCT ?x) of a pattern, by rdflib: independent of the report's queries."""
    return str(next(iter(rdf.query(f"PREFIX mg: <{MG}> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")))[0])

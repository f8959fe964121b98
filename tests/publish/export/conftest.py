"""Fixtures of the release-export tests: the real project exported once per session (and once more
without texts), and the graph read straight from the project's files with rdflib, as the yardstick."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from minegraph.publish.export import export

ROOT = Path(__file__).resolve().parents[3]


def expected_files(root: Path = ROOT) -> list[Path]:
    """What the release holds: ontology/*.ttl without the shapes, and every graph/*.ttl."""
    ontology = sorted(p for p in (root / "ontology").glob("*.ttl") if p.name != "shapes.ttl")
    return ontology + sorted((root / "graph").glob("*.ttl"))


def rdflib_graph(*paths: Path) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="session")
def expected_graph() -> Graph:
    return rdflib_graph(*expected_files())


@pytest.fixture(scope="session")
def expected_triples(expected_graph) -> set:
    return set(expected_graph)


@pytest.fixture(scope="session")
def release(tmp_path_factory):
    """The real project's release, written to a temporary dist/."""
    out = tmp_path_factory.mktemp("release") / "dist"
    return export(ROOT, out)


@pytest.fixture(scope="session")
def release_without_texts(tmp_path_factory):
    out = tmp_path_factory.mktemp("release-without-texts") / "dist"
    return export(ROOT, out, without_texts=True)

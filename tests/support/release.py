"""The yardstick of the release-export tests: what the release holds, read straight from the project's files
with rdflib (tests/publish/export)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from tests.support.paths import ROOT


def expected_files(root: Path = ROOT) -> list[Path]:
    """What the release holds: ontology/*.ttl without the shapes, and every graph/*.ttl."""
    ontology = sorted(p for p in (root / "ontology").glob("*.ttl") if p.name != "shapes.ttl")
    return ontology + sorted((root / "graph").glob("*.ttl"))


def rdflib_graph(*paths: Path) -> Graph:
    """The Turtle files in one rdflib graph."""
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph

"""Fixtures of the release-export tests: the real project exported once per session (and once more
without texts), and the graph read straight from the project's files with rdflib, as the yardstick."""

from __future__ import annotations

import pytest
from rdflib import Graph

from minegraph.publish.export import export
from tests.support.paths import ROOT
from tests.support.release import expected_files, rdflib_graph


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

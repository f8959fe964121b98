"""Fixtures of the ingest tests: the gazetteer and decisions built from the real graph, once, and a scratch
project with one fiction text ingested."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minegraph.cli import main
from minegraph.core.project import Project
from minegraph.ingest import actors_from_graph, decisions_from_graph
from tests.support.paths import GOLD, ROOT

TEXT = GOLD / "fiction-01-wire-story.txt"


@pytest.fixture(scope="session")
def actors():
    return actors_from_graph(ROOT)


@pytest.fixture(scope="session")
def decisions():
    return decisions_from_graph(ROOT)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> tuple[Project, Path]:
    root = tmp_path_factory.mktemp("accept")
    for part in ("ontology", "graph", "queries", "curation"):
        shutil.copytree(ROOT / part, root / part)
    project = Project(root)
    assert main(["--project", str(root), "ingest", str(TEXT), "--url", "https://example.invalid/wire",
                 "--title", "Lawmakers back exit", "--publisher", "Euronews", "--date", "2026-03-03"]) == 0
    return project, next((root / "drafts").glob("*.toml"))

"""Fixtures of the ingest tests: the gazetteer and decisions built from the real graph, once, and a scratch
project with one fiction text ingested."""

from __future__ import annotations

from pathlib import Path

import pytest

from minegraph.core.project import Project
from minegraph.ingest import actors_from_graph, decisions_from_graph
from tests.support.fiction import ingest_fiction
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
    """A scratch project with tests/gold/fiction-01-wire-story.txt ingested: the project and its draft."""
    project, draft, _ = ingest_fiction(
        tmp_path_factory.mktemp("accept"),
        TEXT.read_text(encoding="utf-8"),
        "Lawmakers back exit",
        "2026-03-03",
        publisher="Euronews",
    )
    return project, draft

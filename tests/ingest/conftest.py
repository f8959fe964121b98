"""Fixtures of the ingest tests: the gazetteer and decisions built from the real graph, once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minegraph.ingest import actors_from_graph, decisions_from_graph

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def actors():
    return actors_from_graph(ROOT)


@pytest.fixture(scope="session")
def decisions():
    return decisions_from_graph(ROOT)


def ingest_fiction(tmp_path: Path, text: str, title: str, date: str, publisher: str = "Fictional Wire"):
    """A throw-away copy of the project with a fiction `text` ingested: the project, its draft, and the
    accept command ingest printed. Fiction never reaches the committed graph."""
    from minegraph.cli import main
    from minegraph.core.project import Project

    root = tmp_path / "project"
    for part in ("ontology", "graph", "queries", "curation"):
        shutil.copytree(ROOT / part, root / part)
    source = tmp_path / "wire.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "ingest.out"
    import contextlib

    with out.open("w") as stream, contextlib.redirect_stdout(stream):
        assert main(["--project", str(root), "ingest", str(source), "--url", "https://example.invalid/wire",
                     "--title", title, "--publisher", publisher, "--date", date]) == 0
    command = out.read_text().strip().splitlines()[-1].split("then: ", 1)[1]
    return Project(root), next((root / "drafts").glob("*.toml")), command

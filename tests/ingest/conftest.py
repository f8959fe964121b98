"""Fixtures of the ingest tests: the gazetteer and decisions built from the real graph, once."""

from __future__ import annotations

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

"""Where the tests find the checkout, the shared reference data and the fixture files several folders read."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"
GOLD = ROOT / "tests" / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The small fixture graph (a fifth of the real one) and the fixture queries of the fixture project.
FIXTURE_GRAPH = FIXTURES / "graph" / "fixture.ttl"
FIXTURE_QUERIES = FIXTURES / "queries"
#: Hand-made graphs that break one treaty rule each (and one that breaks none).
TREATY_FIXTURES = FIXTURES / "treaty"

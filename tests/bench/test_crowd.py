"""The second generator writes a valid project of about the size asked, the same bytes for the same seed,
with its skew: a few huge speakers, many small sources, decisions in long partOf chains."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from minegraph.bench.crowd import CHAIN, generate
from minegraph.core.project import Project
from minegraph.validation import validate

ROOT = Path(__file__).resolve().parents[2]
MG = "https://w3id.org/minegraph/ontology#"


def generated(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "graph").glob("crowd-*.ttl"))}


def test_crowd_project_conforms_is_reproducible_and_skewed(tmp_path):
    first = generate(ROOT, tmp_path / "a", 60_000, seed=3)
    generate(ROOT, tmp_path / "b", 60_000, seed=3)
    assert generated(tmp_path / "a") == generated(tmp_path / "b")
    assert abs(first.triples - 60_000) < 6_000
    report = validate(Project(tmp_path / "a"))
    assert report.counts()["Violation"] == 0
    store = ox.Store()
    for path in (tmp_path / "a" / "graph").glob("crowd-*.ttl"):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    speakers = Counter(q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(MG + "speaker"), None))
    sources = Counter(q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(MG + "appearsIn"), None))
    top = sum(n for _, n in speakers.most_common(8))
    assert top > 0.7 * sum(speakers.values()) and len(speakers) > 50
    assert max(sources.values()) <= 3
    chain = store.query(
        f"SELECT (COUNT(*) AS ?n) {{ <https://w3id.org/minegraph/id/decision/crowd-0-{CHAIN - 1}> "
        f"<{MG}partOf>+ ?root }}"
    )
    assert int(next(iter(chain))["n"].value) == CHAIN - 1

"""The draft curation TOML: parses, carries every candidate, stance as suggested assessments, new actors."""

from __future__ import annotations

import tomllib

import pytest

from minegraph.ingest import extract_file
from minegraph.ingest.draft import DraftDocument, to_draft, write_draft
from tests.support.paths import GOLD

DOC = DraftDocument(
    slug="fiction-01",
    title="A fictional wire story",
    url="https://example.invalid/1",
    date="2026-03-03",
    publisher="organisation:fictional-wire",
    archive="fiction-01.txt",
)


@pytest.fixture(scope="module")
def candidates(actors, decisions):
    return extract_file(GOLD / "fiction-01-wire-story.txt", actors, decisions)


def test_draft_parses_and_carries_every_candidate(candidates):
    draft = tomllib.loads(to_draft(candidates, DOC))
    assert draft["document"]["slug"] == "fiction-01"
    statements = draft["statement"]
    assert [s["quote"] for s in statements] == [c.quote for c in candidates]
    assert len({s["id"] for s in statements}) == len(statements)
    for s, c in zip(statements, candidates):
        assert (s["start"], s["end"], s["mode"]) == (c.start, c.end, c.mode)


def test_stances_are_suggested_assessments_in_the_agreed_shape(candidates):
    statements = tomllib.loads(to_draft(candidates, DOC))["statement"]
    assessments = [a for s in statements for a in s.get("assessment", [])]
    assert assessments
    for a in assessments:
        assert list(a) == ["about", "stance", "method", "confidence", "rests_on", "note"]
        assert a["method"] == "suggested" and a["stance"] in {"support", "oppose", "neutral"}
        assert a["about"].startswith("decision:") and 0 < a["confidence"] <= 1


def test_unlinked_named_speakers_are_proposed_as_new_actors(candidates):
    draft = tomllib.loads(to_draft(candidates, DOC))
    proposed = {a["id"] for a in draft["new_actor"]}
    assert "person:rokas-vaitkus" in proposed
    speakers = {s["speaker"] for s in draft["statement"]}
    assert proposed <= speakers
    unnamed = [s for s in draft["statement"] if s["speaker"] == ""]
    assert [s["speaker_as_reported"] for s in unnamed] == ["a spokesperson"]


def test_header_explains_the_review(candidates):
    text = to_draft(candidates, DOC)
    assert text.startswith("# DRAFT for review")
    assert 'method = "accepted"' in text.split("[document]")[0]


def test_write_is_deterministic_and_atomic(tmp_path, candidates):
    path = write_draft(tmp_path / "drafts" / "fiction-01.toml", candidates, DOC)
    first = path.read_bytes()
    write_draft(path, candidates, DOC)
    assert path.read_bytes() == first
    assert [p.name for p in path.parent.iterdir()] == ["fiction-01.toml"]

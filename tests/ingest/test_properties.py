"""Property tests (Hypothesis): any text never crashes the extractor, and every offset it emits slices
the text to exactly its quote. Speed is measured by bench_extract.py, not here."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minegraph.ingest import extract, to_json
from minegraph.ingest.draft import DraftDocument, to_draft
from minegraph.ingest.quotes import find_quotes
from minegraph.ingest.segment import sentences

MARKS = "\"'“”„«»‘’‚:,.;!?()[]—\n "
WORDS = [
    "said",
    "told",
    "he",
    "she",
    "they",
    "according to",
    "the minister",
    "Ana Ruiz",
    "Šakalienė",
    "that",
    "Finland’s defence minister",
    "The Chair (Anna Berg):",
    "Mr Ozols:",
    "withdrawal",
    "children",
    "security",
    "reads the government's statement",
    "in her view",
    "An amendment that",
    "adding that",
]
prose = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(list(MARKS)), st.text(min_size=1, max_size=8)), max_size=80
).map(" ".join)
anything = st.one_of(st.text(max_size=400), prose)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, actors, decisions) -> None:
    found = extract(text, actors, decisions)
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.quote
        assert c.stance in ("support", "oppose", "neutral")
        assert 0 <= c.confidence <= 1
    to_json(found)
    to_draft(found, DraftDocument("s", "t", "u", "2026-01-01", "p", "a.txt"))


@SETTINGS
@given(anything)
def test_any_text_never_crashes_and_offsets_slice_to_the_quote(actors, decisions, text):
    _check(text, actors, decisions)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list(MARKS) + list("abAB")), max_size=300))
def test_quotation_spans_are_well_formed(text):
    spans = find_quotes(text)
    for q in spans:
        assert q.open < q.start <= q.end <= q.close
    assert all(a.close <= b.open for a, b in zip(spans, spans[1:]))
    for s in sentences(text, spans):
        assert 0 <= s.start < s.end <= len(text)

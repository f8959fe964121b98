"""Property tests (Hypothesis) of anchors: an anchor made from any text and any span verifies against
that text, and any change of a character inside the span is reported. An insertion or deletion inside
the span is reported exactly when the selectors no longer read the same: in a repetitive text
("aaaa" → "aaa") or at the text's end (no suffix) they can, and only the archive's SHA-256, checked
by validate, catches it."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from minegraph.core.anchors import anchor_at, locate, verify

SETTINGS = settings(max_examples=200, deadline=None)
texts = st.text(min_size=1, max_size=300)


@st.composite
def spans(draw):
    """A text and a non-empty span of it, start < end (code points, end exclusive)."""
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    return text, start, draw(st.integers(start + 1, len(text)))


@st.composite
def anchored_points(draw):
    """A text, the anchor of a span of it, and a position inside that span."""
    text, start, end = draw(spans())
    return text, anchor_at(text, start, end), draw(st.integers(start, end - 1))


def _problems(text, anchor):
    return verify(text, anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix)


@SETTINGS
@given(spans())
def test_an_anchor_of_any_span_verifies_against_its_text(case):
    text, start, end = case
    anchor = anchor_at(text, start, end)
    assert text[anchor.start : anchor.end] == anchor.exact
    assert _problems(text, anchor) == []


@SETTINGS
@given(spans())
def test_locating_a_span_s_text_finds_an_occurrence_that_verifies(case):
    text, start, end = case
    quote = text[start:end]
    occurrence = 1 + sum(1 for i in range(start) if text.startswith(quote, i))
    anchor = locate(text, quote, occurrence=occurrence)
    assert (anchor.start, anchor.end) == (start, end)
    assert _problems(text, anchor) == []


@SETTINGS
@given(anchored_points(), st.data())
def test_any_changed_character_inside_the_span_is_reported(point, data):
    text, anchor, at = point
    other = data.draw(st.characters(blacklist_categories=("Cs",)))
    assume(other != text[at])
    edited = text[:at] + other + text[at + 1 :]
    assert any("not the quote" in p for p in _problems(edited, anchor))


@SETTINGS
@given(anchored_points(), st.data())
def test_an_insertion_or_deletion_inside_the_span_is_reported_unless_the_selectors_still_read_the_same(point, data):
    text, anchor, at = point
    start, end = anchor.start, anchor.end
    inserted = data.draw(st.text(max_size=3))
    deleted = data.draw(st.integers(0 if inserted else 1, end - at))
    edited = text[:at] + inserted + text[at + deleted :]
    assume(edited != text)
    same = (
        edited[start:end] == anchor.exact
        and edited[end:].startswith(anchor.suffix)
        and edited[:start].endswith(anchor.prefix)
    )
    assert (_problems(edited, anchor) == []) == same

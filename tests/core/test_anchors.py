"""Quote anchoring: offsets in Unicode code points, end exclusive, with quote-selector context."""

import pytest

from minegraph.core import anchors

TEXT = "He said “weapons of the past”—twice. Then: “weapons of the past”, again."


def test_offsets_count_code_points_so_slicing_gives_the_quote():
    found = anchors.locate(TEXT, "weapons of the past")
    assert TEXT[found.start : found.end] == "weapons of the past"
    assert found.start == 9  # "He said “" is 9 code points (the curly quote is one, though 3 bytes in UTF-8)


def test_second_occurrence_and_landmark_pick_the_later_quote():
    second = anchors.locate(TEXT, "weapons of the past", occurrence=2)
    after_then = anchors.locate(TEXT, "weapons of the past", after="Then:")
    assert second == after_then
    assert second.start > 30


def test_prefix_and_suffix_are_the_text_around_the_quote():
    found = anchors.anchor_at(TEXT, 9, 28, context=4)
    assert (found.prefix, found.exact, found.suffix) == ("id “", "weapons of the past", "”—tw")
    assert TEXT[: found.start].endswith(found.prefix) and TEXT[found.end :].startswith(found.suffix)
    assert len(found.prefix) == 4 and len(found.suffix) == 4


def test_missing_quote_raises_quote_not_found():
    with pytest.raises(anchors.QuoteNotFound, match="quote not found"):
        anchors.locate(TEXT, "weapons of the future")


def test_verify_accepts_an_exact_anchor():
    found = anchors.locate(TEXT, "twice")
    assert anchors.verify(TEXT, found.start, found.end, found.exact, found.prefix, found.suffix) == []


@pytest.mark.parametrize(
    "start, end, exact, prefix, suffix, expected",
    [
        (0, 500, "x", None, None, "outside the archived text"),
        (3, 7, "sai", None, None, "not the quote"),
        (3, 8, "said ", "Hx ", None, "prefix 'Hx ' does not precede"),
        (3, 8, "said ", None, "X", "suffix 'X' does not follow"),
    ],
)
def test_verify_reports_each_kind_of_mismatch(start, end, exact, prefix, suffix, expected):
    problems = anchors.verify(TEXT, start, end, exact, prefix, suffix)
    assert any(expected in problem for problem in problems), problems

"""Quotation spans: every mark family, nesting, apostrophes, paragraphs, and the gold quote rule."""

from __future__ import annotations

import pytest

from minegraph.ingest.quotes import find_quotes
from minegraph.ingest.segment import sentences


def inner(text: str) -> list[str]:
    return [q.inner(text) for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we stay." Then left.', ["we stay"]),
        ("She said “we stay,” and left.", ["we stay"]),
        ("Il a dit « nous restons » hier.", ["nous restons"]),
        ("Er sagte „wir bleiben“ gestern.", ["wir bleiben"]),
        ("Er sagte „wir bleiben” gestern.", ["wir bleiben"]),
        ("Er sagte ‚wir bleiben‘ gestern.", ["wir bleiben"]),
        ("A ‘weapon from the past’ indeed.", ["weapon from the past"]),
        ("A 'weapon from the past' indeed.", ["weapon from the past"]),
    ],
)
def test_mark_families(text, expected):
    assert inner(text) == expected


def test_nested_single_quotes_stay_inside_the_double_quotation():
    text = "“When a democracy says, ‘We need these,’ others listen,” she added."
    assert inner(text) == ["When a democracy says, ‘We need these,’ others listen"]


def test_apostrophes_are_not_quotation_marks():
    text = "Russia’s war and the army's own side; “Carbonnier's view,” he said. The neighbours' fields."
    assert inner(text) == ["Carbonnier's view"]


def test_a_comma_or_full_stop_just_inside_the_closing_mark_is_not_quoted():
    assert inner("“First.” “Second,” “Third?” “Fourth‘.’”") == ["First", "Second", "Third?", "Fourth‘.’"]


def test_quotation_over_paragraphs_is_closed_at_each_paragraph_end():
    text = "“The first paragraph of a long quote.\n“And the second one,” she said."
    spans = find_quotes(text)
    assert [q.inner(text) for q in spans] == ["The first paragraph of a long quote", "And the second one"]
    assert spans[1].continued


def test_an_unclosed_quotation_is_dropped_at_the_paragraph_end():
    assert inner("He said “this never closes.\nNext paragraph “closed” here.") == ["closed"]


def test_sentences_never_end_inside_a_quotation():
    text = "Asked, he said: “No. Never. Not once.” Then he left. “Fine,” she said."
    spans = find_quotes(text)
    got = [text[s.start : s.end] for s in sentences(text, spans)]
    assert got == ["Asked, he said: “No. Never. Not once.”", "Then he left.", "“Fine,” she said."]


def test_abbreviations_do_not_end_sentences():
    text = "Mr. Ozols spoke. Dr. Kalniņa replied."
    assert [text[s.start : s.end] for s in sentences(text, [])] == ["Mr. Ozols spoke.", "Dr. Kalniņa replied."]

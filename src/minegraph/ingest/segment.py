"""Paragraphs and sentences, with quotations kept whole: a sentence never ends inside a quotation."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from minegraph.ingest.quotes import QuoteSpan

_END = re.compile(r"[.!?…]+[\"'”’»“]*(?=\s|$)")
_ABBREV = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "gov",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "art",
        "para",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
    }
)
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    para: int


def _inside_quote(pos: int, opens: list[int], quotes: list[QuoteSpan]) -> bool:
    k = bisect.bisect_right(opens, pos) - 1
    return k >= 0 and quotes[k].open < pos < quotes[k].close


def _is_break(text: str, m: re.Match, line_end: int) -> bool:
    """A sentence ends at m unless an abbreviation or an initial ends there, or lower case follows."""
    j = m.end()
    while j < line_end and text[j].isspace():
        j += 1
    if j >= line_end:
        return True
    nxt = text[j]
    if nxt.islower():
        return False
    if text[m.start()] == ".":
        k = m.start()
        while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
            k -= 1
        word = text[k : m.start()].lower()
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            return False
    return True


def sentences(text: str, quotes: list[QuoteSpan]) -> list[Sentence]:
    """Sentences of `text` in order; each line is a paragraph. Linear (one bisect per full stop)."""
    opens = [q.open for q in quotes]
    out: list[Sentence] = []
    for para, line in enumerate(_LINE.finditer(text)):
        start, line_end = line.start(), line.end()
        for m in _END.finditer(text, start, line_end):
            if _inside_quote(m.end() - 1, opens, quotes) or not _is_break(text, m, line_end):
                continue
            _add(text, out, start, m.end(), para)
            start = m.end()
        _add(text, out, start, line_end, para)
    return out


MAX_SENTENCE = 2000  # longer runs are cut at a space, so that work per sentence stays bounded


def _add(text: str, out: list[Sentence], start: int, end: int, para: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append(Sentence(start, cut, para))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, para))

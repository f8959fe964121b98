"""Quotation spans: one linear scan over the text, pairing opening and closing marks.

Handles straight and curly double quotes, « », „ “ (and „ ”), ‚ ‘ and top-level single quotes; marks
nested inside a quotation are part of it. A quotation left open at a paragraph end is closed there when
the next paragraph opens another one (the convention for quotes running over paragraphs), else dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

# opening mark -> the marks that close it
_DOUBLE_OPEN = {"“": "”", "„": "“”", "«": "»", '"': '"'}
_SINGLE_OPEN = {"‘": "’", "‚": "‘’", "'": "'"}
_OPEN_AFTER = set(" \t\n\r([{—–-:/\u00a0") | {""}


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: `open`/`close` index its marks; [start, end) is the quoted text as gold counts it."""

    open: int
    close: int
    start: int
    end: int
    double: bool
    continued: bool = False

    def inner(self, text: str) -> str:
        return text[self.start : self.end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and one comma or full stop just inside the closing mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] in ",.":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _next_paragraph_opens(text: str, i: int) -> bool:
    """Whether the next non-blank line after the newline at i starts with an opening double quote."""
    n = len(text)
    j = i
    while j < n and text[j].isspace():
        j += 1
        if j - i > 8:
            return False
    return j < n and text[j] in _DOUBLE_OPEN


class _Scanner:
    """State of the scan: at most one open top-level quotation."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[QuoteSpan] = []
        self.open_at = -1
        self.closers = ""
        self.double = True
        self.continuation = False

    def emit(self, close: int, inner_end: int) -> None:
        start, end = _trim(self.text, self.open_at + 1, inner_end)
        if end > start:
            self.spans.append(QuoteSpan(self.open_at, close, start, end, self.double, self.continuation))
        self.open_at, self.continuation = -1, False

    def newline(self, i: int) -> None:
        if self.open_at < 0:
            return
        if self.double and _next_paragraph_opens(self.text, i):
            self.emit(i, i)
            self.continuation = True
        else:
            self.open_at, self.continuation = -1, False

    def step(self, i: int, ch: str) -> None:
        text = self.text
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if self.open_at >= 0:
            if ch in self.closers and (self.double or not _is_letter(nxt)):
                self.emit(i, i)
            return
        if ch in _DOUBLE_OPEN and (ch != '"' or prev in _OPEN_AFTER or not prev.isalnum()):
            if ch == '"' and prev.isalnum():
                return
            self.open_at, self.closers, self.double = i, _DOUBLE_OPEN[ch], True
        elif ch in _SINGLE_OPEN and (prev in _OPEN_AFTER or prev in '"“„«') and _is_letter(nxt):
            self.open_at, self.closers, self.double = i, _SINGLE_OPEN[ch], False
            self.continuation = False


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every top-level quotation of `text`, in order; linear in its length."""
    scanner = _Scanner(text)
    for i, ch in enumerate(text):
        if ch == "\n":
            scanner.newline(i)
        elif ch in "\"“”„«»‘’‚'":
            scanner.step(i, ch)
    return scanner.spans

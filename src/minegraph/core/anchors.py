"""Anchoring quotes in archived texts (W3C Web Annotation selectors).

Offsets count Unicode code points of the decoded archived text, ``end`` exclusive, so
``text[start:end] == exact`` in Python. A TextQuoteSelector adds a short prefix and suffix
so a quote can be re-found if the text is ever re-archived with other offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Characters of context kept on each side by TextQuoteSelectors.
CONTEXT = 32


@dataclass(frozen=True)
class Anchor:
    """A quote's position in a text, with the quote-selector context around it."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class QuoteNotFound(ValueError):
    """The quote is not in the text (or not the requested occurrence)."""


def locate(text: str, quote: str, *, after: str | None = None, occurrence: int = 1) -> Anchor:
    """Find ``quote`` in ``text``; ``after`` narrows the search to text after a landmark,
    ``occurrence`` picks the n-th match. Raises :class:`QuoteNotFound` if absent."""
    if not quote:
        raise QuoteNotFound("empty quote")
    offset = 0
    if after is not None:
        found = text.find(after)
        if found < 0:
            raise QuoteNotFound(f"landmark not found: {after!r}")
        offset = found
    start = offset - 1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            raise QuoteNotFound(f"quote not found (occurrence {occurrence}): {quote[:60]!r}")
    return anchor_at(text, start, start + len(quote))


def anchor_at(text: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """The anchor of ``text[start:end]`` with up to ``context`` characters either side."""
    if not 0 <= start < end <= len(text):
        raise QuoteNotFound(f"offsets {start}..{end} outside a text of {len(text)} characters")
    return Anchor(start, end, text[start:end], text[max(0, start - context) : start], text[end : end + context])


def verify(
    text: str, start: int, end: int, exact: str, prefix: str | None = None, suffix: str | None = None
) -> list[str]:
    """Problems of a recorded anchor against the text (empty when it is exact)."""
    problems: list[str] = []
    if not 0 <= start < end <= len(text):
        return [f"offsets {start}..{end} lie outside the archived text ({len(text)} characters)"]
    found = text[start:end]
    if found != exact:
        problems.append(f"text at offsets {start}..{end} is {_short(found)}, not the quote {_short(exact)}")
    if prefix is not None and not text[:start].endswith(prefix):
        problems.append(f"TextQuoteSelector prefix {_short(prefix)} does not precede offset {start}")
    if suffix is not None and not text[end:].startswith(suffix):
        problems.append(f"TextQuoteSelector suffix {_short(suffix)} does not follow offset {end}")
    return problems


def _short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")

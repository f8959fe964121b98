"""Text folding for matching: case- and diacritics-insensitive keys (Šakalienė = sakaliene)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into a base letter plus marks.
_EXTRA = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "‐": "-",
        "‑": "-",
    }
)
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
STOP = frozenset({"the", "of", "and", "a", "an", "for", "to", "in", "on", "at", "'s", "s"})


def fold(text: str) -> str:
    """Lower-case `text` and strip its diacritics."""
    if text.isascii():
        return text.lower()
    return _fold(text)


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The folded words of `text`, possessive 's dropped."""
    out = []
    for w in _WORD.findall(fold(text)):
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w)
    return out


@lru_cache(maxsize=65536)
def key(text: str) -> tuple[str, ...]:
    """A matching key: the folded content words of a name, in order."""
    return tuple(w for w in words(text) if w not in STOP)

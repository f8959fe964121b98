"""The one SPARQL tokenizer: every reader of query text (binding, forms, prefixes, the guard) uses it.

One regular expression, its alternatives tried in order, decides in a single linear pass what is
code and what is hidden inside a comment, an IRI or a string (every repetition in it consumes a
character per step and cannot backtrack into another reading). The
hidden kinds follow SPARQL 1.1's grammar, so the guard and Oxigraph agree on where a string or an
IRI ends: IRIs may hold ``\\u``/``\\U`` escapes; a backslash outside a string (a prefixed name's
local escape such as ``ex:\\'``, or a stray one) takes the next character with it, so it never
opens a string the engine would not see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_ALTERNATIVES = (
    r"(?P<ws>\s+)",
    r"(?P<comment>\#[^\n\r]*)",
    r"""(?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)""",
    r"""(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")""",
    r"(?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)",
    r"(?P<pname>(?:[^\W\d_][\w\-.]*)?:(?:[\w\-:%]|\\.)*(?:\.+(?:[\w\-:%]|\\.)+)*)",
    r"(?P<bnode>_:[\w\-.]*[\w\-])",
    r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
    r"(?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)",
    r"(?P<word>[^\W\d]\w*)",
    r"(?P<escape>\\.)",
    r"(?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\],;.*/|^!=<>+\-?])",
    r"(?P<other>.)",
)
_TOKEN = re.compile("|".join(_ALTERNATIVES), re.DOTALL)
# Inside a run of name characters with no colon after it no prefixed name can start: the same
# alternatives without that one, so a long run such as ``a.a.a.…`` is scanned once, not once a word.
_NO_PNAME = re.compile("|".join(a for a in _ALTERNATIVES if "?P<pname>" not in a), re.DOTALL)
_NAME_RUN = re.compile(r"[\w\-.]*")

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

#: Kinds whose text is not code: nothing inside them is a keyword, a bracket or an operator.
HIDDEN = frozenset({"ws", "comment", "iri", "string"})


class Token(NamedTuple):
    """One lexical token: its kind (var, iri, string, pname, word, punct, comment, ws…), text and offset
    (a tuple: a 32 KB text has tens of thousands of them)."""

    kind: str
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def word(self) -> str:
        """Upper-cased text of a keyword token ('' for other kinds)."""
        return self.text.upper() if self.kind == "word" else ""

    @property
    def name(self) -> str:
        """Variable name without ``?``/``$`` ('' for other kinds)."""
        return self.text[1:] if self.kind == "var" else ""


def spans(text: str) -> Iterator[tuple[str, int, int]]:
    """``(kind, start, end)`` of every token in order, produced lazily: the guard reads these (no objects
    built, and it may stop at the first refusal)."""
    position, plain_until, size = 0, 0, len(text)
    while position < size:
        match = (_TOKEN if position >= plain_until else _NO_PNAME).match(text, position)
        kind, end = match.lastgroup or "other", match.end()
        if kind == "word" and position >= plain_until:
            run_end = _NAME_RUN.match(text, position).end()
            if not text.startswith(":", run_end):
                plain_until = run_end
        yield kind, position, end
        position = end


def iter_tokens(text: str) -> Iterator[Token]:
    """The text's tokens in order, comments and white space included, produced lazily."""
    for kind, start, end in spans(text):
        yield Token(kind, text[start:end], start)


def tokenize(text: str) -> list[Token]:
    """Every token of the text, comments and white space included, in order."""
    return list(iter_tokens(text))

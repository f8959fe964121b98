"""A parse-free query guard: limits and refusals decided on the raw text, before any engine sees it.

One linear pass over the text's tokens (:mod:`minegraph.querylang.lexer`, the tokenizer parameter
binding uses too, so both agree on what is a string, an IRI or a comment), outside those, measures the bracket nesting
(``( { [``) and the operator chains (``|| && ! / | ^ UNION``) — Oxigraph's recursive-descent parser
overflows its stack on either, and kills the process — and finds the keywords that decide the
query's fate: ``SERVICE`` (federation, an outbound HTTP request) anywhere, including ``FILTER
EXISTS``, sub-queries and nested groups, and the SPARQL Update operations. Nothing is parsed or
evaluated here: the scan bounds the text so that the parse that follows
(:mod:`minegraph.querylang.parse`, rdflib's grammar, which decides SERVICE on the parse tree) and the
engine's own parser (in a worker with no network) only ever see text of bounded cost.

The scan errs on the side of refusal: a ``SERVICE`` word is refused wherever it could be a
keyword (any case; also written ``SERVICE:x``, which Oxigraph reads as ``SERVICE :x``), and an
IRI-like ``<…>`` holding an apostrophe is refused, because Oxigraph may read such a ``<`` as
"less than" and the apostrophe as the start of a string the scan would otherwise skip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minegraph.errors import QueryError
from minegraph.querylang.lexer import HIDDEN, QUERY_FORMS, UPDATE_WORDS, spans

#: Each an operator or a list separator (a chain of any of them is a recursion in a parser or the engine's
#: plan); two-character operators (``|| && != <= >= ^^``) count once; UNION, MINUS and OPTIONAL are words.
_OPERATOR_CHARS = "!/|^+-*,;=<>"
_OPERATOR_WORDS = frozenset({"UNION", "MINUS", "OPTIONAL"})
_OPEN, _CLOSE = "({[", ")}]"
#: Code tokens that may hold a keyword: names and words (a prefixed name's prefix, ``1SERVICE``'s word…).
_NAMED = frozenset({"word", "pname", "bnode", "langtag", "var", "escape", "number", "other"})
_PIECE = re.compile(r"\w+")


_SURROGATE = re.compile("[\ud800-\udfff]")


class GuardError(QueryError):
    """A query refused by the guard; ``status`` is the HTTP status an endpoint answers with."""

    status = 400
    kind = "refused"


class QueryTooLong(GuardError):
    kind = "too-long"


class QueryTooDeep(GuardError):
    kind = "too-deep"


class ServiceRefused(GuardError):
    kind = "service"


class UpdateRefused(GuardError):
    status = 403
    kind = "update"


class NotAQuery(GuardError):
    kind = "syntax"


@dataclass(frozen=True)
class Limits:
    """What the guard accepts: characters, bracket depth, operators and code tokens in the whole text
    (the largest library query has about 500 tokens and 90 operators)."""

    max_length: int = 32_768
    max_depth: int = 64
    max_operators: int = 256
    max_tokens: int = 4_096


@dataclass(frozen=True)
class Scan:
    """What the scan found: the query form, the deepest nesting, the operator count."""

    form: str
    depth: int
    operators: int


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _keywords(text: str, kind: str, start: int, end: int):
    """The pieces of a code token that may be keywords, upper-cased with their offsets: each run of word
    characters that starts with a letter and follows no ``:``, ``?`` or ``$`` (so not a variable's name,
    nor a prefixed name's local part) — ``SERVICE:x``'s prefix and ``ex:a-SERVICE``'s last piece count."""
    if kind == "word":  # one run of word characters, starting with a letter
        if not start or text[start - 1] not in ":?$":
            yield text[start:end].upper(), start
        return
    for piece in _PIECE.finditer(text, start, end):
        at = piece.start()
        if not piece.group()[0].isdigit() and (not at or text[at - 1] not in ":?$"):
            yield piece.group().upper(), at


def _operators(token: str) -> int:
    return 1 if len(token) == 2 and token != "^^" else sum(token.count(c) for c in _OPERATOR_CHARS)


def scan(text: str, limits: Limits = Limits(), *, allow_service: bool = False) -> Scan:
    """Measure and classify the text in one pass over :func:`minegraph.querylang.lexer.spans`; GuardError
    on the first limit or refusal met (``allow_service`` lets SERVICE through, for a store the user opened
    for federation)."""
    if not isinstance(text, str):
        raise NotAQuery("the query must be text")
    if len(text) > limits.max_length:
        raise QueryTooLong(f"the query is {len(text):,} characters long; the limit is {limits.max_length:,}")
    _refuse_non_text(text)
    depth = deepest = operators = tokens = 0
    form = ""
    for kind, start, end in spans(text):
        if kind == "iri" and "'" in text[start:end]:
            raise GuardError(
                f"line {_line(text, start)}: an IRI or '<' comparison holding an apostrophe "
                "is ambiguous to the guard; write the apostrophe as %27 or put spaces around '<'"
            )
        if kind in HIDDEN:
            continue
        tokens += 1
        if tokens > limits.max_tokens:
            raise QueryTooDeep(
                f"line {_line(text, start)}: more than {limits.max_tokens:,} terms, operators and brackets in one query"
            )
        if kind == "punct":
            token = text[start:end]
            if token in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
                if depth > limits.max_depth:
                    raise QueryTooDeep(
                        f"line {_line(text, start)}: brackets nested deeper than {limits.max_depth} levels"
                    )
            elif token in _CLOSE:
                depth = max(depth - 1, 0)
            else:
                operators += _operators(token)
        elif kind in _NAMED:
            for word, at in _keywords(text, kind, start, end):
                operators += word in _OPERATOR_WORDS
                form = _keyword(text, word, at, form, allow_service)
        if operators > limits.max_operators:
            raise QueryTooDeep(
                f"line {_line(text, start)}: more than {limits.max_operators} operators and list "
                "separators (|| && ! / | ^ + - * = < > , ; UNION MINUS OPTIONAL) in one query"
            )
    if not form:
        raise NotAQuery(
            "no query form found: a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK (after PREFIX and BASE lines)"
        )
    return Scan(form, deepest, operators)


def _keyword(text: str, word: str, start: int, form: str, allow_service: bool) -> str:
    """The query form after one possible keyword; GuardError for SERVICE, or an update before any form."""
    if word == "SERVICE" and not allow_service:
        raise ServiceRefused(
            f"line {_line(text, start)}: SERVICE (a federated query to another "
            "endpoint) is refused; queries run on this dataset only"
        )
    if not form and word in QUERY_FORMS:
        return word
    if not form and word in UPDATE_WORDS:
        raise UpdateRefused(
            f"line {_line(text, start)}: SPARQL Update ({word}) is not accepted: minegraph queries are read-only"
        )
    return form


def _refuse_non_text(text: str) -> None:
    """NotAQuery naming the first character that is no text: a byte that was not UTF-8 (kept by
    ``surrogateescape``, as in a command-line argument) or another lone surrogate."""
    bad = _SURROGATE.search(text)
    if bad is None:
        return
    line = _line(text, bad.start())
    column = bad.start() - text.rfind("\n", 0, bad.start())
    code = ord(bad.group())
    what = (
        f"byte 0x{code - 0xDC00:02x} is not UTF-8" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X} is a lone surrogate"
    )
    raise NotAQuery(f"line {line}, column {column}: {what}; a query is UTF-8 text")


def check(text: str, limits: Limits = Limits(), *, allow_service: bool = False) -> str:
    """The query form (SELECT, CONSTRUCT, DESCRIBE, ASK) of a text the guard accepts; GuardError otherwise."""
    return scan(text, limits, allow_service=allow_service).form

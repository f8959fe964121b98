"""SPARQL query text (tokenized by :mod:`minegraph.querylang.lexer`): the query form, and parameter binding by substitution.

Binding follows SPARQL SEP-0007: a parameter variable takes its value everywhere it is in
scope — in patterns, filters, expressions, templates, and in sub-queries that project it — but
not inside a sub-query that does not project it (that is another variable), and it may not
be assigned (``AS ?p``, ``VALUES ?p``) — except in a ``VALUES`` block of parameters only, which holds their
defaults so that the file runs as it is on any server, and which binding removes. The value is written as one escaped N-Triples term
(:func:`minegraph.querylang.terms.to_sparql`) in place of variable tokens only: never inside strings,
IRIs or comments. Projected parameters become ``(term AS ?p)`` so results still show them.

One implementation for every engine, so that every engine answers the same query. (Oxigraph's
own ``substitutions=`` requires the variable in the SELECT clause and leaves it unbound in
``BIND`` expressions, so it is not used.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import pyoxigraph

from minegraph.errors import QueryError, QuerySyntaxError
from minegraph.querylang.defaults import drop_defaults
from minegraph.querylang.guard import check as guard
from minegraph.querylang.lexer import QUERY_FORMS, UPDATE_WORDS, Token, tokenize
from minegraph.querylang.parse import parse_check

if TYPE_CHECKING:  # rdflib is loaded only where terms are converted: the Oxigraph path runs without it
    from rdflib.term import Node

__all__ = [
    "QueryText",
    "Token",
    "tokenize",
    "parsed",
    "query_form",
    "variables",
    "strip_comments",
    "undeclared_prefixes",
    "substitute",
    "without_defaults",
    "check_syntax",
]

_CLAUSE_END = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP"}


class QueryText:
    """One query text, tokenized once: its form, variables, prefixes and substitution
    all derive from the same token list (see :func:`parsed` for the cached instance per text)."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.code_index = [i for i, t in enumerate(self.tokens) if t.kind not in ("ws", "comment")]
        self.code = [self.tokens[i] for i in self.code_index]
        self._uses: dict[int, _Use] | None = None

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, DESCRIBE or ASK; QueryError for updates or text with no query form."""
        for token in self.code:
            if token.word in QUERY_FORMS:
                return token.word
            if token.word in UPDATE_WORDS:
                raise QueryError(f"SPARQL Update ({token.word}) is not accepted: minegraph queries are read-only")
        raise QueryError(
            "no query form found: a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK (after PREFIX lines)"
        )

    @property
    def variables(self) -> set[str]:
        """Names of the variables the text mentions (outside strings, IRIs and comments)."""
        return {t.name for t in self.code if t.kind == "var"}

    def line_of(self, token: Token) -> int:
        return self.text.count("\n", 0, token.start) + 1

    def without_comments(self) -> str:
        """The text without comments (line breaks kept, so line numbers stay the same)."""
        return "".join(t.text for t in self.tokens if t.kind != "comment")

    def undeclared_prefixes(self, known: dict[str, str]) -> dict[str, str]:
        """Known prefixes the text uses without a PREFIX line (to complete ad-hoc queries)."""
        code = self.code
        declared = {
            code[i + 1].text[:-1] for i, t in enumerate(code[:-1]) if t.word == "PREFIX" and code[i + 1].kind == "pname"
        }
        used = {t.text.split(":", 1)[0] for t in code if t.kind == "pname"}
        return {p: known[p] for p in sorted(used - declared) if p in known}

    @property
    def uses(self) -> dict[int, "_Use"]:
        if self._uses is None:
            self._uses = _classify(self.code)
        return self._uses


@lru_cache(maxsize=512)
def parsed(text: str) -> QueryText:
    """The tokenized form of ``text``, cached: a library query is tokenized once per process."""
    return QueryText(text)


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK; QueryError for updates or text with no query form."""
    return parsed(text).form


def variables(text: str) -> set[str]:
    """Names of the variables the text mentions (outside strings, IRIs and comments)."""
    return parsed(text).variables


def strip_comments(text: str) -> str:
    """The text without comments (line breaks kept, so line numbers stay the same)."""
    return parsed(text).without_comments()


def undeclared_prefixes(text: str, known: dict[str, str]) -> dict[str, str]:
    """Known prefixes the text uses without a PREFIX line (to complete ad-hoc queries)."""
    return parsed(text).undeclared_prefixes(known)


# --------------------------------------------------------------------------- substitution


@dataclass
class _Scope:
    """One SELECT (the query or a sub-query): what it projects and groups by."""

    depth: int
    parent: "_Scope | None"
    projected: set[str] = field(default_factory=set)
    star: bool = False
    group_keys: set[str] = field(default_factory=set)


@dataclass
class _Use:
    """Where one variable token stands."""

    scope: _Scope | None
    role: str  # projection, group, order (bare, at the clause's top level), expr, assigned, values, bound, other


def _classify(code: list[Token]) -> dict[int, _Use]:
    """Role of every variable token (keyed by position in ``code``), with its SELECT scope."""
    uses: dict[int, _Use] = {}
    scopes: list[_Scope] = []
    depth = paren = 0
    clause = ""  # projection, group, order, values, or ""
    for i, token in enumerate(code):
        scope = scopes[-1] if scopes else None
        text, word = token.text, token.word
        if word == "SELECT":
            scopes.append(_Scope(depth=depth, parent=scope))
            clause, paren = "projection", 0
            continue
        if text == "{":
            depth += 1
            if clause in ("projection", "group", "order"):
                clause = ""
        elif text == "}":
            depth -= 1
            while scopes and depth < scopes[-1].depth:
                scopes.pop()
            clause = ""
        elif text == "(":
            paren += 1
        elif text == ")":
            paren = max(paren - 1, 0)
        elif word in ("WHERE", "FROM") and clause == "projection":
            clause = ""
        elif word == "BY" and i and code[i - 1].word in ("GROUP", "ORDER"):
            clause, paren = code[i - 1].word.lower(), 0
        elif word == "VALUES":
            clause = "values"
        elif word in _CLAUSE_END and clause in ("group", "order"):
            clause = ""
        elif text == "*" and clause == "projection" and scope is not None:
            scope.star = True
        if token.kind != "var":
            continue
        previous = code[i - 1] if i else None
        if previous is not None and previous.word == "AS":
            role = "assigned"
        elif clause == "values":
            role = "values"
        elif previous is not None and previous.text == "(" and i >= 2 and code[i - 2].word == "BOUND":
            role = "bound"
        elif clause in ("projection", "group", "order"):
            role = clause if paren == 0 else "expr"
        else:
            role = "other"
        if scope is not None and (role == "projection" or (role == "assigned" and clause == "projection")):
            scope.projected.add(token.name)
        if role == "group" and scope is not None:
            scope.group_keys.add(token.name)
        uses[i] = _Use(scope, role)
    return uses


def _visible(scope: _Scope | None, names: set[str], cache: dict[int, set[str]]) -> set[str]:
    """Parameters that mean the outer value inside ``scope`` (sub-queries see only what they project)."""
    if scope is None or scope.depth == 0:  # no SELECT, or the query's own SELECT
        return names
    key = id(scope)
    if key not in cache:
        outer = _visible(scope.parent, names, cache)
        cache[key] = outer if scope.star else outer & scope.projected
    return cache[key]


def with_values(text: str, name: str, terms: Iterable[Node]) -> str:
    """The query with a trailing ``VALUES ?name { … }`` block: the query answered for each of ``terms``
    (each spelled as one escaped token, as :func:`substitute` spells a value)."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"not a variable name: {name!r}")
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.querylang.terms import to_sparql

    return f"{text.rstrip()}\nVALUES ?{name} {{ {' '.join(map(to_sparql, terms))} }}\n"


def without_defaults(text: str, names: set[str]) -> str:
    """The text with the ``VALUES`` defaults blocks of the parameters ``names`` removed (and nothing else changed)."""
    query = parsed(text)
    out = [t.text for t in query.tokens]
    drop_defaults(query, set(names), out)
    return "".join(out)


def substitute(text: str, bindings: dict[str, Node]) -> str:
    """The query with each bound variable replaced by its value (see module docstring)."""
    if not bindings:
        return text
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.querylang.terms import to_sparql

    return _substituted(text, tuple(sorted((name, to_sparql(term)) for name, term in bindings.items())))


@lru_cache(maxsize=1024)
def _substituted(text: str, spelled_values: tuple[tuple[str, str], ...]) -> str:
    """:func:`substitute` once the values are spelled: pure, so cached per text and values."""
    spelled = dict(spelled_values)
    names = set(spelled)
    query = parsed(text)
    tokens, code_index, code, uses = query.tokens, query.code_index, query.code, query.uses
    cache: dict[int, set[str]] = {}
    out = [t.text for t in tokens]
    dropped = drop_defaults(query, names, out)
    for position, use in uses.items():
        if position in dropped:
            continue
        token = code[position]
        name = token.name
        if name not in names or name not in _visible(use.scope, names, cache):
            continue
        value = spelled[name]
        if use.role in ("assigned", "values", "bound"):
            where = {"assigned": f"AS {token.text}", "values": f"VALUES {token.text}", "bound": f"BOUND({token.text})"}
            raise QueryError(
                f"line {query.line_of(token)}: parameter {token.text} is used as {where[use.role]}; a parameter has one fixed value "
                "and cannot be assigned or tested there — use another variable name"
            )
        if use.role == "projection":
            grouped = use.scope is not None and name in use.scope.group_keys
            replacement = token.text if grouped else f"({value} AS {token.text})"
        elif use.role == "group":
            replacement = f"({value} AS {token.text})"
        elif use.role == "order":
            replacement = f"({value})"
        else:
            replacement = value
        out[code_index[position]] = replacement
    return "".join(out)


# --------------------------------------------------------------------------- syntax

_EMPTY_STORE = None
_LOCATION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.DOTALL)


def check_syntax(text: str, *, source: str | None = None, prefixes: dict[str, str] | None = None) -> None:
    """QuerySyntaxError (line, column, the line shown with a caret) unless ``text`` is a SPARQL 1.1 query.

    Oxigraph's parser decides: it follows the grammar strictly, so a query that passes here is
    portable. Oxigraph has no parse-only entry point, so this evaluates the text on an empty store: it
    is for the package's own .rq files (tests/architecture); any text from a user goes through the
    parse-only :func:`minegraph.querylang.parse.parse_check` instead.
    """
    global _EMPTY_STORE

    if _EMPTY_STORE is None:
        _EMPTY_STORE = pyoxigraph.Store()
    try:
        _EMPTY_STORE.query(text, prefixes=prefixes)
    except SyntaxError as exc:
        raise _syntax_error(text, str(exc), source) from None


_ACCEPTED: dict[tuple[str, bool], str] = {}


def accepted_form(text: str, *, allow_service: bool = False, source: str | None = None, parse=None) -> str:
    """The query form of a text the guard (:mod:`minegraph.querylang.guard`) and the parser accept;
    GuardError or QuerySyntaxError otherwise. ``parse(text, allow_service=, source=)`` is the parse-only
    check (default :func:`minegraph.querylang.parse.parse_check`, in this process; a store that evaluates
    in a worker parses there, under the query's deadline). An accepted text is remembered, so a library
    query is checked once per process and every later call costs one dictionary look-up."""
    key = (text, allow_service)
    form = _ACCEPTED.get(key)
    if form is None:
        guard(text, allow_service=allow_service)  # limits and SERVICE before any parser sees the text
        form = query_form(text)
        (parse or parse_check)(text, allow_service=allow_service, source=source)  # a real parse; nothing evaluated
        remember_accepted(text, form, allow_service)
    return form


def remember_accepted(text: str, form: str, allow_service: bool) -> None:
    """Record ``text`` as checked (guard and parse): the same text is not checked again in this process."""
    if len(_ACCEPTED) >= 1024:  # ad-hoc texts: bounded
        _ACCEPTED.clear()
    _ACCEPTED[(text, allow_service)] = form


def _syntax_error(text: str, message: str, source: str | None) -> QueryError:

    match = _LOCATION.match(message)
    if not match:
        return QuerySyntaxError(message.splitlines()[0][:200], source=source)
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = text.splitlines() or [""]
    if "Prefix not found" in detail:
        before = (lines[line - 1] if 0 < line <= len(lines) else "")[: max(column - 1, 0)]
        prefix = re.search(r"([^\W\d][\w\-.]*)?:[\w\-:%.]*$", before)
        name = (prefix.group(1) or "") if prefix else ""
        column = prefix.start() + 1 if prefix else column
        detail = f"prefix {name}: is not declared (add a line PREFIX {name}: <namespace IRI>)"
    else:
        detail = " ".join(detail.split())
        detail = detail if len(detail) <= 160 else detail[:157] + "…"
        if _offset(lines, line, column) >= len(text.rstrip()):
            # Oxigraph reports errors inside a group at the end of the text; pyparsing (rdflib's
            # parser) stops where the unreadable part starts, which is more useful to the reader.
            earlier = _pyparsing_position(text)
            if earlier is not None:
                line, column = earlier
                detail = "the query cannot be read from here on (check the brackets, quotes and terms)"
            else:
                detail = f"unexpected end of the query: {detail}"
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * max(column - 1, 0) + "^"
    return QuerySyntaxError(f"{detail}\n    {shown}\n    {caret}", line=line, column=column, source=source)


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(text) + 1 for text in lines[: line - 1]) + column - 1


def _pyparsing_position(text: str) -> tuple[int, int] | None:
    # lazy: pyparsing (rdflib's SPARQL grammar); rdflib (~170 ms), only on this path
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except ParseException as exc:
        return exc.lineno, exc.col
    except Exception:  # rdflib's parser fails in other ways on some inputs: no better position
        return None
    return None

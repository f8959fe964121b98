"""The parse-only check of a query: a real SPARQL 1.1 parse decides syntax and SERVICE, nothing is evaluated.

The lexical guard (:mod:`minegraph.querylang.guard`) bounds the text first; then rdflib's SPARQL 1.1
grammar (``rdflib.plugins.sparql.parser``, the grammar of minegraph's second engine) parses it —
pyoxigraph 0.5 has no parse-only entry point, and its parser is reached only through evaluation.
The decision whether a query federates comes from that parse tree, so a text the lexer reads one
way and the grammar another (an IRI-looking ``<…#…>`` that is a comparison and a comment) is judged
by the grammar. Oxigraph still parses the text in the query worker, whose network is walled off
(:mod:`minegraph.store.supervised`): the second wall if the two grammars ever disagree.
"""

from __future__ import annotations

import sys
import threading

from minegraph.core.terminal import visible
from minegraph.errors import QuerySyntaxError
from minegraph.querylang.guard import ServiceRefused
from minegraph.querylang.lexer import tokenize

_STACK = 256 << 20  # the parser recurses a few dozen frames per bracket: room for the guard's depth limit
_RECURSION = 60_000
_ONE_AT_A_TIME = threading.Lock()  # the recursion limit is the interpreter's: set and restored by one parse at a time
#: Texts that passed, with the options they passed under: the same text passes again without a parse
#: (a ``minegraph run`` checks a dozen library queries; rdflib's parse costs tens of milliseconds each).
_PASSED: dict[tuple, None] = {}
_PASSED_KEPT = 512


def _parse(text: str):
    """rdflib's parse tree of ``text`` (pyparsing's ParseException when it is not a SPARQL 1.1 query),
    parsed in a thread with a deep stack so the guard's nesting limit never hits Python's recursion limit."""
    # lazy: rdflib (~170 ms), only on this path
    from rdflib.plugins.sparql.parser import parseQuery

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["tree"] = parseQuery(text)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = exc

    with _ONE_AT_A_TIME:
        previous_stack, previous_limit = threading.stack_size(_STACK), sys.getrecursionlimit()
        sys.setrecursionlimit(max(previous_limit, _RECURSION))
        try:
            thread = threading.Thread(target=run, name="minegraph-sparql-parse", daemon=True)  # Ctrl-C ends the process
            thread.start()
            thread.join()
        finally:
            threading.stack_size(previous_stack)
            sys.setrecursionlimit(previous_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["tree"]


def _nodes(tree):
    """Every rule node of a parse tree (iteratively: the tree may be deep)."""
    # lazy: rdflib (~170 ms), only on this path
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or (
            hasattr(node, "__iter__") and not isinstance(node, (str, bytes, dict))
        ):
            stack.extend(node)


def parse_check(
    text: str, *, allow_service: bool = False, source: str | None = None, prefixes: dict[str, str] | None = None
) -> None:
    """QuerySyntaxError (line, column, the line with a caret) unless rdflib's SPARQL 1.1 grammar reads
    ``text`` as a query whose prefixes are declared (or among ``prefixes``, predeclared by the caller);
    ServiceRefused when that parse holds a SERVICE clause anywhere (and it is not allowed)."""
    # lazy: pyparsing (rdflib's SPARQL grammar), only on this path
    from pyparsing import ParseBaseException

    key = (text, allow_service, tuple(sorted(prefixes or ())))
    if key in _PASSED:
        return
    try:
        tree = _parse(text)
    except ParseBaseException as exc:
        raise syntax_error(text, exc.lineno, exc.col, _detail(exc), source) from None
    except RecursionError:
        raise QuerySyntaxError("the query is nested too deeply to read", source=source) from None
    nodes = list(_nodes(tree))
    if not allow_service and any(node.name == "ServiceGraphPattern" for node in nodes):
        raise ServiceRefused(
            "SERVICE (a federated query to another endpoint) is refused; queries run on this dataset only"
        )
    declared = {node.get("prefix") or "" for node in nodes if node.name == "PrefixDecl"} | set(prefixes or ())
    used = {node.get("prefix") or "" for node in nodes if node.name == "pname"}
    if used - declared:
        raise _undeclared(text, min(used - declared), source)
    if len(_PASSED) >= _PASSED_KEPT:
        _PASSED.pop(next(iter(_PASSED)))
    _PASSED[key] = None


def _undeclared(text: str, prefix: str, source: str | None) -> QuerySyntaxError:
    """The syntax error for a prefix used without a PREFIX line, at its first use."""
    first = next((t for t in tokenize(text) if t.kind == "pname" and t.text.split(":", 1)[0] == prefix), None)
    offset = first.start if first else 0
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return syntax_error(
        text, line, column, f"prefix {prefix}: is not declared (add a line PREFIX {prefix}: <namespace IRI>)", source
    )


def _detail(exc) -> str:
    found = " ".join(str(getattr(exc, "msg", "") or "cannot be read").split())
    return (found if len(found) <= 160 else found[:157] + "…") + " (the query cannot be read from here on)"


def syntax_error(text: str, line: int, column: int, detail: str, source: str | None) -> QuerySyntaxError:
    """A QuerySyntaxError at ``line``:``column`` of ``text``, showing that line (controls made visible) and a caret."""
    lines = text.split("\n")
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * len(visible(shown[: max(column - 1, 0)], keep="")) + "^"
    return QuerySyntaxError(
        f"{visible(detail, keep='')}\n    {visible(shown, keep='')}\n    {caret}",
        line=line,
        column=column,
        source=source,
    )

"""Query results as text: a terminal table, SPARQL 1.1 CSV/TSV/JSON, JSON lines, Turtle and JSON-LD.

Tables show labels instead of IRIs where one is known (a ``?xLabel`` column beside ``?x``, or
the labels passed in), prefixed names (``state:LVA``) otherwise; ``show_iris`` turns labels off.
Everything else follows the W3C result formats, so other tools read the output. CSV, TSV and
JSON lines are written by :mod:`minegraph.queries.streaming` (which can also stream them).
"""

from __future__ import annotations

import json
import unicodedata

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from minegraph.core.formats import by_name, names
from minegraph.core.rdf_io import serialize_turtle
from minegraph.errors import QueryError
from minegraph.queries.streaming import STREAM_FORMATS, json_cell, stream_text
from minegraph.querylang.results import QueryResult
from minegraph.querylang.terms import compact
from minegraph.store.rows import RowStream

#: What ``--format`` takes: the registry's answer formats (minegraph.core.formats), each written below.
FORMATS = names("table", "results", "graph")
SELECT_FORMATS = tuple(f for f in FORMATS if by_name(f).answers("SELECT"))
GRAPH_FORMATS = tuple(f for f in FORMATS if by_name(f).answers("CONSTRUCT"))

_NUMERIC = ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger", "positiveInteger")


def check_format(form: str, fmt: str) -> None:
    """QueryError unless ``fmt`` is a format and fits the query form (checked before a query runs)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not by_name(fmt).answers(form):
        fitting = SELECT_FORMATS if form in ("SELECT", "ASK") else GRAPH_FORMATS
        what = "a table" if form in ("SELECT", "ASK") else "triples"
        raise QueryError(f"{form} gives {what}: use --format {', '.join(fitting[:-1])} or {fitting[-1]} (not {fmt})")


def render(
    result: QueryResult,
    fmt: str = "table",
    *,
    labels: dict[str, str] | None = None,
    show_iris: bool = False,
    width: int = 120,
    max_column: int = 60,
) -> str:
    """The result as text in ``fmt``; QueryError when the format does not fit the query form."""
    check_format(result.form, fmt)
    if fmt in STREAM_FORMATS:
        return stream_text(RowStream.from_result(result), fmt)
    if result.is_graph:
        if fmt == "table":
            return table(
                ["subject", "predicate", "object"],
                [dict(zip(("subject", "predicate", "object"), t)) for t in result.triples],
                labels=labels,
                show_iris=show_iris,
                width=width,
                max_column=max_column,
            )
        return graph_text(result, fmt)
    if fmt == "xml":
        return sparql_xml(result)
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return sparql_json(result)
    return table(result.variables, result.terms, labels=labels, show_iris=show_iris, width=width, max_column=max_column)


# --------------------------------------------------------------------------- W3C formats


def sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    names = result.variables
    bindings = [
        {n: json_cell(v) for n, v in zip(names, row) if v is not None}
        for row in RowStream.from_result(result).wire_rows()
    ]
    return (
        json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1
        )
        + "\n"
    )


def sparql_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (rdflib's writer)."""
    answer = Result(result.form)
    if result.form == "ASK":
        answer.askAnswer = bool(result.boolean)
    else:
        answer.vars = [Variable(n) for n in result.variables]
        answer.bindings = [{Variable(n): t for n, t in row.items() if t is not None} for row in result.terms]
    return answer.serialize(format="xml").decode("utf-8") + "\n"


def sparql_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: lexical values only, CRLF line ends (RFC 4180)."""
    return stream_text(RowStream.from_result(result), "csv")


def sparql_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: ``?var`` header, terms in N-Triples syntax."""
    return stream_text(RowStream.from_result(result), "tsv")


def graph_text(result: QueryResult, fmt: str) -> str:
    """Triples as Turtle (sorted, minegraph prefixes), JSON-LD (prefixes as context) or N-Triples."""
    graph = result.graph()
    if fmt == "ttl":
        return serialize_turtle(graph).decode("utf-8")
    if fmt == "nt":
        return "".join(sorted(line + "\n" for line in graph.serialize(format="nt").splitlines() if line.strip()))
    if fmt == "rdfxml":
        return graph.serialize(format="xml").rstrip("\n") + "\n"
    context = {
        prefix: str(ns) for prefix, ns in graph.namespaces() if any(str(t).startswith(str(ns)) for t in _iris(result))
    }
    return graph.serialize(format="json-ld", context=context, indent=2) + "\n"


def _iris(result: QueryResult):
    for triple in result.triples:
        for term in triple:
            if isinstance(term, URIRef):
                yield term
            elif isinstance(term, Literal) and term.datatype is not None:
                yield term.datatype


# --------------------------------------------------------------------------- terminal table


def display(term: Node | None, labels: dict[str, str] | None = None, show_iris: bool = False) -> str:
    """One cell: a label or prefixed name for an IRI, the lexical form of a literal."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if not show_iris and labels and str(term) in labels:
            return labels[str(term)]
        return compact(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())  # one line per cell


def _is_number(term: Node | None) -> bool:
    return isinstance(term, Literal) and term.datatype is not None and str(term.datatype).rsplit("#", 1)[-1] in _NUMERIC


def _cell_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _fit(text: str, width: int) -> str:
    if _cell_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = _cell_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _cell_width(text))
    return gap + text if right else text + gap


def table(
    variables: list[str],
    rows: list[dict],
    *,
    labels: dict[str, str] | None = None,
    show_iris: bool = False,
    width: int = 120,
    max_column: int = 60,
) -> str:
    """A plain-text table that fits ``width`` columns: long cells are cut with '…'.

    A ``?xLabel`` column beside ``?x`` is folded into ``x`` (unless ``show_iris``).
    """
    shown = list(variables)
    folded: dict[str, str] = {}
    if not show_iris:
        for name in variables:
            if name.endswith("Label") and name[: -len("Label")] in variables:
                folded[name[: -len("Label")]] = name
                shown.remove(name)
    cells, numeric = [], {n: True for n in shown}
    for row in rows:
        line = []
        for name in shown:
            term = row.get(name)
            label = row.get(folded[name]) if name in folded else None
            if isinstance(term, URIRef) and label is not None:
                text = " ".join(str(label).split())
            else:
                text = display(term, labels, show_iris)
            if term is not None and not _is_number(term):
                numeric[name] = False
            line.append(text)
        cells.append(line)
    widths = [max([_cell_width(n)] + [_cell_width(line[i]) for line in cells]) for i, n in enumerate(shown)]
    widths = [min(w, max(max_column, len(n))) for w, n in zip(widths, shown)]
    budget = max(width - 2 * (len(shown) - 1), 8 * len(shown))
    while sum(widths) > budget and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    out = ["  ".join(_pad(_fit(n, w), w, False) for n, w in zip(shown, widths)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for line in cells:
        out.append(
            "  ".join(_pad(_fit(t, w), w, numeric[n] and bool(t)) for t, w, n in zip(line, widths, shown)).rstrip()
        )
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"

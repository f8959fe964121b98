"""Python values straight from pyoxigraph terms, without building an rdflib term first.

A result's ``.rows`` from the embedded store go through :func:`python_value`: the datatypes
queries return most (strings, IRIs, integers, decimals, doubles, booleans, plain dates) are read
here; any other literal, or a lexical form these patterns do not accept, goes through rdflib
(:func:`minegraph.querylang.terms.python_value`), so the value is always the one rdflib would give.
This module imports neither pyoxigraph nor rdflib: the terms are told apart by class name.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(text: str):
    if _DATE.fullmatch(text):
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:  # not a calendar date (or year 0): rdflib decides
            pass
    return _rdflib


def _boolean(text: str):
    return {"true": True, "false": False}.get(text, _rdflib)


def _number(pattern: re.Pattern, kind):
    return lambda text: kind(text) if pattern.fullmatch(text) else _rdflib


_rdflib = object()  # "ask rdflib": the marker a reader returns for what it does not decide
_READERS = {
    _XSD + "string": str,
    _XSD + "anyURI": str,
    _XSD + "integer": _number(_INTEGER, int),
    _XSD + "decimal": _number(_DECIMAL, Decimal),
    _XSD + "double": _number(_DOUBLE, float),
    _XSD + "float": _number(_DOUBLE, float),
    _XSD + "boolean": _boolean,
    _XSD + "date": _date,
}


def python_value(term):
    """A plain Python value for a pyoxigraph term (or None): IRIs as str, blank nodes as ``_:id``,
    literals as rdflib's ``toPython`` would give them (date, int, Decimal, float, bool, else str)."""
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return term.value
    if kind == "BlankNode":
        return f"_:{term.value}"
    if kind == "Literal":
        return term.value if term.language else literal_value(term.value, term.datatype.value, term)
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.querylang.terms import from_oxigraph
    from minegraph.querylang.terms import python_value as rdflib_value

    return rdflib_value(from_oxigraph(term))


def literal_value(text: str, datatype: str | None, term=None):
    """The Python value of a literal that has no language tag, read by the table above; else rdflib's
    (of ``term`` when given, a pyoxigraph literal, or of the lexical form and datatype)."""
    reader = _READERS.get(datatype or _XSD + "string")
    if reader is not None:
        value = reader(text)
        if value is not _rdflib:
            return value
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.querylang.terms import python_value as rdflib_value

    if term is not None:
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.querylang.terms import from_oxigraph

        return rdflib_value(from_oxigraph(term))
    # lazy: rdflib (~170 ms), only on this path
    from rdflib import Literal, URIRef

    return rdflib_value(Literal(text, datatype=URIRef(datatype)))


def rdflib_term(term):
    """The rdflib term of a pyoxigraph term (or None), rdflib loaded on first use."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.querylang.terms import from_oxigraph

    return from_oxigraph(term)


def iri_of(term) -> str | None:
    """The IRI of a pyoxigraph term, None for any other term (or None)."""
    return term.value if type(term).__name__ == "NamedNode" else None

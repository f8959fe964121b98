"""Lazy results: Oxigraph's answers keep its own terms and convert only when asked, to the same
Python values and rdflib terms as before; an accepted query text is checked once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
import pytest

from minegraph.errors import QuerySyntaxError
from minegraph.querylang import native, text
from minegraph.querylang.results import QueryResult
from minegraph.querylang.terms import from_oxigraph, python_value
from minegraph.store.oxigraph import OxigraphStore

XSD = "http://www.w3.org/2001/XMLSchema#"
LITERALS = [
    ("plain", "string"),
    ("", "string"),
    ("https://example.org/x", "anyURI"),
    ("42", "integer"),
    ("-0", "integer"),
    ("+7", "integer"),
    ("1_000", "integer"),
    (" 5", "integer"),
    ("x", "integer"),
    ("0.9", "decimal"),
    ("-.5", "decimal"),
    ("1.", "decimal"),
    ("1e3", "decimal"),
    ("1_0.0", "decimal"),
    ("1.5e3", "double"),
    ("INF", "double"),
    ("NaN", "double"),
    ("-0.0", "float"),
    ("abc", "double"),
    ("1_0", "double"),
    ("true", "boolean"),
    ("false", "boolean"),
    ("1", "boolean"),
    ("0", "boolean"),
    ("TRUE", "boolean"),
    ("2025-01-01", "date"),
    ("2025-02-30", "date"),
    ("0000-01-01", "date"),
    ("2025-01-01Z", "date"),
    ("2025-01-01+02:00", "date"),
    ("2025-1-1", "date"),
    ("2025-01-01T10:00:00", "dateTime"),
    ("2025", "gYear"),
    ("P1D", "duration"),
    ("5", "nonNegativeInteger"),
    ("-5", "nonNegativeInteger"),
    ("7", "int"),
    ("tok", "token"),
]


def _terms():
    yield ox.NamedNode("https://w3id.org/minegraph/id/state/LVA")
    yield ox.BlankNode("b0")
    yield ox.Literal("Latvija", language="lv")
    for lexical, datatype in LITERALS:
        yield ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))


@pytest.mark.parametrize("term", list(_terms()), ids=str)
def test_python_values_straight_from_oxigraph_equal_rdflibs(term):
    expected = python_value(from_oxigraph(term))
    got = native.python_value(term)
    assert (type(got), got) == (type(expected), expected) or (got != got and expected != expected)  # NaN


def test_common_datatypes_are_read_without_rdflib():
    assert native.python_value(ox.Literal("2025-01-01", datatype=ox.NamedNode(XSD + "date"))) == dt.date(2025, 1, 1)
    assert native.python_value(ox.Literal("0.90", datatype=ox.NamedNode(XSD + "decimal"))) == Decimal("0.90")
    assert native.python_value(None) is None


@pytest.fixture()
def store():
    native_store = ox.Store()
    s, p = ox.NamedNode("urn:s"), ox.NamedNode("urn:p")
    for value in ("1", "2", "3"):
        native_store.add(ox.Quad(s, p, ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))))
    return OxigraphStore(native_store)


def test_an_oxigraph_result_converts_only_when_asked(store, monkeypatch):
    made = []

    def counting(term):
        made.append(term)
        return from_oxigraph(term)

    result = store.query("SELECT ?o ?none WHERE { ?s ?p ?o } ORDER BY ?o")
    cells = [(row["o"], row["none"]) for row in result.rows]
    assert cells == [(1, None), (2, None), (3, None)]
    counted = QueryResult.native(
        "SELECT",
        [tuple(c) for c in result._cells],
        variables=result.variables,
        term=counting,
        value=native.python_value,
        iri=native.iri_of,
    )
    assert len(counted) == 3 and counted and counted[0] == {"o": 1, "none": None} and not made
    assert [str(row["o"]) for row in counted.terms] == ["1", "2", "3"] and len(made) == 6


def test_lazy_results_keep_the_public_api(store):
    result = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    rdflib_side = QueryResult("SELECT", variables=["o"], terms=[{"o": from_oxigraph(c[0])} for c in result._cells])
    assert result == rdflib_side and result.rows == rdflib_side.rows
    assert result.canonical_rows() == rdflib_side.canonical_rows() and result.column("o") == [1, 2, 3]
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(graph) == 3 and len(graph.graph()) == 3 and {r["object"] for r in graph.rows} == {1, 2, 3}
    assert store.query("ASK { ?s ?p 2 }").rows == [{"boolean": True}]


def test_an_accepted_text_is_checked_once(store, monkeypatch):
    query = "SELECT ?o WHERE { ?s ?p ?o } # checked once"
    store.query(query)
    calls = []
    monkeypatch.setattr(text, "check_syntax", lambda *a, **k: calls.append(a))
    assert len(store.query(query)) == 3 and calls == []
    monkeypatch.undo()
    for _ in range(2):  # a refused text is refused every time, naming its source
        with pytest.raises(QuerySyntaxError, match="bad.rq"):
            store.query("SELECT ?o WHERE { ?s ?p }", source="bad.rq")

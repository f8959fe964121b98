"""Property tests (Hypothesis) of parameter binding: any string, date or IRI value either becomes one
bound RDF term — the query is the template with that one term in the variable's place, parses, and
matches exactly the triple holding that value — or is refused with ParameterError, never anything else."""

from __future__ import annotations

import datetime as dt

import pyoxigraph
from hypothesis import event, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from minegraph.errors import ParameterError
from minegraph.queries.library import Param
from minegraph.querylang.terms import to_sparql
from minegraph.querylang.text import substitute

P = "https://w3id.org/minegraph/ontology#quote"
TEMPLATE = f"SELECT ?s WHERE {{ ?s <{P}> ?value . }}"
SETTINGS = settings(max_examples=150, deadline=None)
HERE, DECOY = pyoxigraph.NamedNode("urn:minegraph:here"), pyoxigraph.NamedNode("urn:minegraph:decoy")

iris = st.one_of(
    st.text(max_size=40),
    st.text(max_size=30).map(lambda s: f"http://example.org/{s}"),
    st.text(max_size=30).map(lambda s: f"<https://w3id.org/minegraph/id/{s}>"),
    st.text(max_size=20).map(lambda s: f"state:{s}"),
    st.sampled_from(["state:LVA", "person:gilles-carbonnier", "urn:isbn:0451450523", "mailto:a@b.example"]),
)


def _oxigraph(term) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    datatype = pyoxigraph.NamedNode(str(term.datatype)) if term.datatype else None
    return pyoxigraph.Literal(str(term), language=term.language, datatype=datatype)


def _bound_once(param: Param, value) -> None:
    try:
        term = param.term(value)
    except ParameterError:
        event("refused")
        return
    event("bound")
    query = substitute(TEMPLATE, {"value": term})
    assert query == TEMPLATE.replace("?value", to_sparql(term))
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(HERE, pyoxigraph.NamedNode(P), _oxigraph(term)))
    store.add(pyoxigraph.Quad(DECOY, pyoxigraph.NamedNode(P), pyoxigraph.Literal("decoy")))
    assert [row["s"] for row in store.query(query)] == [HERE]


@SETTINGS
@given(st.text())
def test_any_string_is_bound_as_one_literal(value):
    term = Param("value", "xsd:string", None, "").term(value)
    assert isinstance(term, Literal) and str(term) == value
    _bound_once(Param("value", "xsd:string", None, ""), value)


@SETTINGS
@given(st.one_of(st.dates(), st.text(max_size=14), st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True)))
def test_any_date_is_bound_or_refused_with_parameter_error(value):
    if isinstance(value, dt.date):
        assert Param("value", "xsd:date", None, "").term(value) == Literal(
            value.isoformat(), datatype=Literal(value).datatype
        )
    _bound_once(Param("value", "xsd:date", None, ""), value)


@SETTINGS
@given(iris)
def test_any_iri_is_bound_or_refused_with_parameter_error(value):
    _bound_once(Param("value", "iri", None, ""), value)

"""Property tests (Hypothesis) of the deterministic Turtle writer used by build: for generated graphs
of the project's shapes (statements, actors, language-tagged quotes, dates and numbers, odd Unicode,
blank nodes), what rdflib and Oxigraph parse back is isomorphic to what was written, and writing a
graph without blank nodes twice gives the same bytes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from minegraph.core.namespaces import MG, iri
from minegraph.core.rdf_io import serialize_turtle
from minegraph.querylang.terms import from_oxigraph

SETTINGS = settings(max_examples=100, deadline=None)
KINDS = ("statement", "person", "organisation", "state", "decision", "source", "archive")
PREDICATES = (MG.speaker, MG.quote, MG.cue, MG.about, MG.date, MG.appearsIn, RDFS.label, RDFS.comment, MG.contested)
LANGUAGES = ("en", "fr", "de", "lv", "et", "lt", "pl", "fi", "uk", "en-gb", "zh-hant", "sr-latn-rs", "de-ch-1996")
odd_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
slugs = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)  # what namespaces.iri accepts
nodes = st.one_of(
    st.builds(iri, st.sampled_from(KINDS), slugs),
    st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=10).map(
        lambda s: URIRef(f"https://example.org/ünï/{s}")
    ),
)
literals = st.one_of(
    odd_text.map(Literal),
    st.tuples(odd_text, st.sampled_from(LANGUAGES)).map(lambda t: Literal(t[0], lang=t[1])),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(lambda d: Literal(d.isoformat(), datatype=XSD.date)),
    st.integers(-(10**20), 10**20).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: Literal(Decimal(d))),
    st.booleans().map(Literal),
    slugs.map(lambda s: Literal(f"https://example.org/{s}", datatype=XSD.anyURI)),
)


@st.composite
def graphs(draw, blank_nodes: bool = True):
    """A few subjects of the project's kinds, each typed, with literal and node-valued properties."""
    graph = Graph()
    subjects = draw(st.lists(nodes, min_size=1, max_size=5, unique=True))
    blanks = [BNode() for _ in range(draw(st.integers(0, 2)))] if blank_nodes else []
    for subject in subjects + blanks:
        graph.add((subject, RDF.type, draw(st.sampled_from((MG.Statement, MG.Person, MG.Organisation, MG.Decision)))))
        for _ in range(draw(st.integers(0, 4))):
            value = draw(st.one_of(literals, st.sampled_from(subjects + blanks)))
            graph.add((subject, draw(st.sampled_from(PREDICATES)), value))
    return graph


@SETTINGS
@given(graphs())
def test_rdflib_reads_back_what_was_written(graph):
    again = Graph().parse(data=serialize_turtle(graph), format="turtle")
    assert isomorphic(again, graph)


@SETTINGS
@given(graphs())
def test_oxigraph_reads_back_what_was_written(graph):
    again = Graph()
    for triple in pyoxigraph.parse(serialize_turtle(graph), format=pyoxigraph.RdfFormat.TURTLE):
        again.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object)))
    assert isomorphic(again, graph)


@SETTINGS
@given(graphs(blank_nodes=False))
def test_a_graph_without_blank_nodes_is_written_the_same_way_twice(graph):
    data = serialize_turtle(graph)
    assert serialize_turtle(Graph().parse(data=data, format="turtle")) == data

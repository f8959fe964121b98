"""Parameters are bound as RDF terms (SEP-0007 scope), never pasted as text: values cannot become syntax."""

from __future__ import annotations

import random

import pytest
from rdflib import Literal, URIRef

from minegraph.errors import QueryError
from minegraph.querylang.terms import to_sparql
from minegraph.querylang.text import substitute, tokenize

X = Literal("x")
NASTY = [
    "} ; DROP ALL ; {",
    '" } ; DROP ALL ; { "',
    "' } DROP ALL { '",
    '"""',
    "'''",
    'a"b',
    "a\\",
    'a\\\\"',
    "\\u0022 } ; DROP ALL ; { \\u0022",
    "\\U00000022",
    "\\\\u0022",
    "# not a comment\n} DROP ALL {",
    "<http://evil/> ?s ?p ?o",
    "line\r\nbreak\ttab\x00nul\x1f\x7f",
    "?x $y",
    "émoji 🎉 ﬁ",
]


def _random_strings(count: int) -> list[str]:
    alphabet = list("\"'\\{}()<>#?$;.,^@ uU0123456789abcdef\n\r\t") + ["\\u", "\\U", '\\"', "\\\\", "🎉"]
    rng = random.Random(20250627)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(count)]


def _code_tokens(text: str):
    return [t for t in tokenize(text) if t.kind not in ("ws", "comment")]


@pytest.mark.parametrize("value", NASTY + _random_strings(200))
def test_a_bound_string_is_exactly_one_string_token(value):
    text = substitute("SELECT ?out WHERE { BIND(STR(?v) AS ?out) }", {"v": Literal(value)})
    strings = [t for t in _code_tokens(text) if t.kind == "string"]
    assert len(strings) == 1
    assert [t.kind for t in _code_tokens(text)] == [
        t.kind for t in _code_tokens('SELECT ?out WHERE { BIND(STR("") AS ?out) }')
    ]


@pytest.fixture(params=["oxigraph", "rdflib", "server"])
def store(request, fixture_stores):
    """The fixture graph on each engine, the Oxigraph server included."""
    if request.param == "server":
        return request.getfixturevalue("server_stores")["fixture"]
    return fixture_stores[request.param]


def test_a_bound_string_comes_back_unchanged_from_every_engine(store):
    for value in NASTY + _random_strings(60):
        result = store.query("SELECT ?out WHERE { BIND(STR(?v) AS ?out) }", {"v": Literal(value)})
        assert result.rows == [{"out": value}], repr(value)


def test_injection_in_a_parameter_is_a_plain_literal_and_changes_nothing(store):
    before = store.triple_count()
    text = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s WHERE { ?s rdfs:label ?name FILTER(STR(?name) = ?code) }"
    for value in NASTY:
        assert store.query(text, {"code": Literal(value)}).rows == []
    latvia = store.query(text, {"code": Literal("Latvia")}).rows
    assert latvia == [{"s": "https://w3id.org/minegraph/id/state/LVA"}]
    assert store.triple_count() == before


def test_variables_inside_strings_iris_and_comments_are_not_touched():
    text = 'SELECT ?v WHERE { ?s <http://x.org/?v> "?v" . # ?v here\n ?s ?p ?v }'
    assert (
        substitute(text, {"v": X}) == 'SELECT ("x" AS ?v) WHERE { ?s <http://x.org/?v> "?v" . # ?v here\n ?s ?p "x" }'
    )


def test_dollar_variables_are_the_same_variable():
    assert substitute("ASK { ?s ?p $v }", {"v": X}) == 'ASK { ?s ?p "x" }'


def test_a_projected_parameter_is_returned_with_its_value():
    assert substitute("SELECT ?s ?v WHERE { ?s ?p ?v }", {"v": X}) == 'SELECT ?s ("x" AS ?v) WHERE { ?s ?p "x" }'


def test_a_parameter_grouped_by_is_bound_in_group_by():
    text = "SELECT ?v (COUNT(*) AS ?n) WHERE { ?s ?p ?v } GROUP BY ?v ORDER BY ?v"
    assert (
        substitute(text, {"v": X})
        == 'SELECT ?v (COUNT(*) AS ?n) WHERE { ?s ?p "x" } GROUP BY ("x" AS ?v) ORDER BY ("x")'
    )


def test_a_subquery_that_projects_the_parameter_sees_it_and_one_that_does_not_keeps_its_own_variable():
    text = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?v } } { SELECT ?s ?v WHERE { ?s ?q ?v } } }"
    assert substitute(text, {"v": X}) == (
        'SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?v } } { SELECT ?s ("x" AS ?v) WHERE { ?s ?q "x" } } }'
    )


def test_a_subquery_with_select_star_sees_the_parameter():
    assert substitute("SELECT ?s WHERE { { SELECT * WHERE { ?s ?p ?v } } }", {"v": X}) == (
        'SELECT ?s WHERE { { SELECT * WHERE { ?s ?p "x" } } }'
    )


def test_construct_templates_and_filters_get_the_value():
    text = "CONSTRUCT { ?s ?p ?v } WHERE { ?s ?p ?o FILTER(?o != ?v) }"
    assert substitute(text, {"v": X}) == 'CONSTRUCT { ?s ?p "x" } WHERE { ?s ?p ?o FILTER(?o != "x") }'


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s WHERE { ?s ?p ?o BIND(?o AS ?v) }",
        "SELECT (COUNT(*) AS ?v) WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o VALUES ?v { 1 } VALUES (?o ?v) { (1 2) } }",
        "SELECT ?s WHERE { ?s ?p ?o VALUES (?o ?v) { (1 2) } }",
        "SELECT ?s WHERE { ?s ?p ?o FILTER(BOUND(?v)) }",
    ],
)
def test_assigning_a_parameter_is_refused_with_its_line(text):
    with pytest.raises(QueryError, match=r"line 1: parameter \?v is used as"):
        substitute(text, {"v": X})


def test_a_values_block_of_parameters_only_holds_their_defaults_and_binding_replaces_it():
    text = 'SELECT ?v WHERE { VALUES ?v { "d" } ?s ?p ?v }'
    assert substitute(text, {"v": X}) == 'SELECT ("x" AS ?v) WHERE {  ?s ?p "x" }'
    pair = 'SELECT * WHERE { VALUES (?v ?w) { ("d" "e") } ?v ?p ?w }'
    assert substitute(pair, {"v": X, "w": X}) == 'SELECT * WHERE {  "x" ?p "x" }'


def test_without_bindings_the_text_is_unchanged():
    text = "SELECT ?v WHERE { ?s ?p ?v } # comment"
    assert substitute(text, {}) == text


@pytest.mark.parametrize(
    "term, spelled",
    [
        (URIRef("https://w3id.org/minegraph/id/state/LVA"), "<https://w3id.org/minegraph/id/state/LVA>"),
        (
            Literal("2025-01-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
            '"2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>',
        ),
        (Literal("Latvia", lang="en"), '"Latvia"@en'),
        (Literal('say "hi"\n'), r'"say \"hi\"\n"'),
        (Literal("a\\u0022"), r'"a\\\U00000075' + '0022"'),
    ],
)
def test_terms_are_spelled_as_escaped_n_triples(term, spelled):
    assert to_sparql(term) == spelled


@pytest.mark.parametrize(
    "iri", ["http://a b", "http://a>b", "http://a\\b", "http://a{b}", "relative/iri", 'http://a"b']
)
def test_an_iri_that_could_break_out_of_angle_brackets_is_refused(iri):
    with pytest.raises(ValueError):
        to_sparql(URIRef(iri))

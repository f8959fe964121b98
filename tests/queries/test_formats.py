"""Result formats: the W3C formats read back to the same terms; tables fit the terminal and show labels."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph
import pytest
from rdflib import Literal, URIRef

from minegraph.errors import QueryError
from minegraph.queries.run import fetch_labels, result_iris
from minegraph.queries.writers import render, table
from minegraph.querylang.results import QueryResult
from minegraph.querylang.terms import from_oxigraph

STATE = "https://w3id.org/minegraph/id/state/"
ODD = Literal('a "quoted", comma\nnew line\ttab \\ backslash é', lang="en")


@pytest.fixture(scope="module")
def result():
    rows = [
        {"state": URIRef(STATE + "LVA"), "name": Literal("Latvia", lang="en"), "n": Literal(3), "note": ODD},
        {
            "state": URIRef(STATE + "FIN"),
            "name": None,
            "n": Literal("0.90", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
            "note": None,
        },
    ]
    return QueryResult("SELECT", variables=["state", "name", "n", "note"], terms=rows)


@pytest.mark.parametrize(
    "fmt, parse_format", [("json", pyoxigraph.QueryResultsFormat.JSON), ("tsv", pyoxigraph.QueryResultsFormat.TSV)]
)
def test_json_and_tsv_read_back_to_the_same_terms(result, fmt, parse_format):
    solutions = pyoxigraph.parse_query_results(render(result, fmt).encode("utf-8"), parse_format)
    names = [v.value for v in solutions.variables]
    assert names == result.variables
    back = [{n: from_oxigraph(s[n]) for n in names} for s in solutions]
    assert back == result.terms


def test_json_follows_the_sparql_results_layout(result):
    data = json.loads(render(result, "json"))
    assert data["head"] == {"vars": ["state", "name", "n", "note"]}
    first, second = data["results"]["bindings"]
    assert first["state"] == {"type": "uri", "value": STATE + "LVA"}
    assert first["name"] == {"type": "literal", "value": "Latvia", "xml:lang": "en"}
    assert first["n"] == {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert "name" not in second  # unbound


def test_csv_has_a_header_crlf_lines_lexical_values_and_quoting(result):
    text = render(result, "csv")
    assert text.startswith("state,name,n,note\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [STATE + "LVA", "Latvia", "3", str(ODD)]
    assert rows[2] == [STATE + "FIN", "", "0.90", ""]


def test_ask_results_in_every_table_format():
    yes = QueryResult("ASK", boolean=True)
    assert json.loads(render(yes, "json")) == {"head": {}, "boolean": True}
    assert render(yes, "table") == render(yes, "csv") == "true\n"


def test_construct_results_as_turtle_jsonld_and_ntriples_read_back_to_the_same_graph():
    triples = [
        (URIRef(STATE + "LVA"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), ODD),
        (URIRef(STATE + "LVA"), URIRef("https://w3id.org/minegraph/ontology#iso3166Alpha3"), Literal("LVA")),
    ]
    result = QueryResult("CONSTRUCT", triples=triples)
    for fmt, rdf_format in (("ttl", "TURTLE"), ("jsonld", "JSON_LD"), ("nt", "N_TRIPLES")):
        parsed = pyoxigraph.parse(render(result, fmt).encode("utf-8"), getattr(pyoxigraph.RdfFormat, rdf_format))
        assert {(from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)) for q in parsed} == set(
            triples
        ), fmt
    assert "state:LVA" in render(result, "ttl")


@pytest.mark.parametrize(
    "form, fmt", [("SELECT", "ttl"), ("SELECT", "jsonld"), ("CONSTRUCT", "csv"), ("CONSTRUCT", "json")]
)
def test_a_format_that_does_not_fit_the_query_form_is_refused(form, fmt):
    with pytest.raises(QueryError, match="use --format"):
        render(QueryResult(form), fmt)


def test_the_table_cuts_long_cells_to_fit_the_width_and_right_aligns_numbers(result):
    text = table(result.variables, result.terms, width=50, max_column=60)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 50
    assert "…" in lines[2]
    assert lines[-1] == "(2 rows)"
    n_end = lines[1].split("  ")[2]  # the dashes under column n
    start = len("  ".join(lines[1].split("  ")[:2])) + 2
    column = slice(start, start + len(n_end))
    assert lines[2][column] == "3".rjust(len(n_end)) and lines[3][column] == "0.90".rjust(len(n_end))


def test_the_table_shows_labels_or_prefixed_names_and_iris_on_request(result):
    labelled = table(result.variables, result.terms, labels={STATE + "LVA": "Latvia"})
    assert "Latvia" in labelled.splitlines()[2] and "state:FIN" in labelled.splitlines()[3]
    with_iris = table(result.variables, result.terms, labels={STATE + "LVA": "Latvia"}, show_iris=True)
    assert with_iris.splitlines()[2].startswith("state:LVA")


def test_a_label_column_is_folded_into_its_iri_column():
    rows = [{"x": URIRef(STATE + "LVA"), "xLabel": Literal("Latvia", lang="en")}]
    assert table(["x", "xLabel"], rows).splitlines()[:3] == ["x", "------", "Latvia"]
    assert table(["x", "xLabel"], rows, show_iris=True).splitlines()[2] == "state:LVA  Latvia"


def test_labels_come_from_the_store_preferring_english(fixture_stores):
    store = fixture_stores["oxigraph"]
    result = store.query("PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT ?s WHERE { ?s a mg:State }")
    labels = fetch_labels(store, result_iris(result))
    assert labels == {STATE + "LVA": "Latvia", STATE + "FIN": "Finland", STATE + "USA": "United States of America"}

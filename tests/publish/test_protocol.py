"""The SPARQL 1.1 Protocol at /query, through SPARQLWrapper and plain HTTP, against a real server."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper

from tests.support.endpoint import LVA, get, http

MG = "PREFIX mg: <https://w3id.org/minegraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
STATES = MG + "SELECT ?state ?label WHERE { ?state a mg:State ; rdfs:label ?label } ORDER BY ?state LIMIT 3"
ASK = MG + "ASK { <https://w3id.org/minegraph/id/state/LVA> a mg:State }"
CONSTRUCT = MG + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a mg:State ; rdfs:label ?l } ORDER BY ?s LIMIT 5"


def wrapper(server, text: str, fmt, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setQuery(text)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_json(server, method):
    rows = wrapper(server, STATES, JSON, method).query().convert()["results"]["bindings"]
    assert [r["state"]["value"].rsplit("/", 1)[-1] for r in rows] == ["AFG", "AGO", "ALB"]


def test_select_xml_csv_tsv(server):
    xml = wrapper(server, STATES, XML).query().convert()
    assert len(xml.getElementsByTagName("result")) == 3
    table = list(csv.reader(io.StringIO(wrapper(server, STATES, CSV).query().convert().decode())))
    assert table[0] == ["state", "label"] and table[1][1] == "Afghanistan"
    tsv = wrapper(server, STATES, TSV).query().convert().decode().splitlines()
    assert tsv[0] == "?state\t?label" and tsv[1].startswith("<https://w3id.org/minegraph/id/state/AFG>")


def test_post_sparql_query_body(server):
    status, headers, body = http(
        server, "/query", STATES.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/csv"}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and b"Afghanistan" in body


@pytest.mark.parametrize("fmt,expected", [(JSON, True), (XML, None), (CSV, None), (TSV, None)])
def test_ask_every_format(server, fmt, expected):
    answer = wrapper(server, ASK, fmt).query().convert()
    if fmt == JSON:
        assert answer["boolean"] is True
    elif fmt == XML:
        assert answer.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert answer.strip() == b"true"


def test_construct_turtle_with_prefixes_and_jsonld(server):
    turtle = wrapper(server, CONSTRUCT, TURTLE).query().convert()
    assert b"@prefix state: <https://w3id.org/minegraph/id/state/>" in turtle
    graph = Graph().parse(data=turtle, format="turtle")
    assert len(graph) == 5
    jsonld = wrapper(server, CONSTRUCT, JSONLD).query().convert()
    assert len(jsonld) == 5 and set(jsonld) == set(graph)


def test_construct_ntriples_by_accept_and_format(server):
    for params, headers in (({}, {"Accept": "application/n-triples"}), ({"format": "ntriples"}, {})):
        status, answer_headers, body = http(
            server, "/query?" + urllib.parse.urlencode({"query": CONSTRUCT, **params}), headers=headers
        )
        assert status == 200 and answer_headers["Content-Type"].startswith("application/n-triples")
        assert len(Graph().parse(data=body, format="nt")) == 5


def test_construct_as_rdf_xml_which_sparqlwrapper_asks_for_by_default(server):
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setQuery(CONSTRUCT)  # no return format set: SPARQLWrapper asks for RDF/XML
    answer = sparql.query()
    assert answer.response.headers["Content-Type"].startswith("application/rdf+xml")
    assert len(answer.convert()) == 5


def test_format_parameter_and_unknown_format(server):
    status, headers, _ = get(server, STATES, format="tsv")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    status, _, body = get(server, STATES, format="png")
    assert status == 406 and json.loads(body)["error"] == "format"


def test_update_refused(server):
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as refused:  # SPARQLWrapper re-raises a 403 as it is
        sparql.query()
    assert refused.value.code == 403
    for data, kind in (
        (b"update=INSERT+DATA+%7B%7D", "application/x-www-form-urlencoded"),
        (b"INSERT DATA {}", "application/sparql-update"),
    ):
        status, _, body = http(server, "/query", data, {"Content-Type": kind})
        assert status == 403 and json.loads(body)["error"] == "update"
    status, _, _ = get(server, "DELETE WHERE { ?s ?p ?o }")
    assert status == 403
    assert get(server, ASK)[0] == 200  # nothing changed, still answering


def test_syntax_error_is_400_with_message(server):
    status, _, body = get(server, "SELECT ?x WHERE { ?x ?y }")
    answer = json.loads(body)
    assert status == 400 and answer["error"] == "syntax" and answer["message"].startswith("query:1:19: syntax error")


def test_row_cap_marks_the_cut(server):
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p ?o }", format="json")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 500
    assert headers["X-Minegraph-Rows"] == "500" and headers["X-Minegraph-Truncated"].startswith("true")
    status, headers, body = get(server, STATES)
    assert "X-Minegraph-Truncated" not in headers and headers["X-Minegraph-Rows"] == "3"


def test_internal_graph_never_shows(server):
    for text in (
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * FROM <urn:minegraph:store> WHERE { ?s <urn:minegraph:manifest-digest> ?o }",
        "SELECT * FROM NAMED <urn:minegraph:store> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { ?s <urn:minegraph:manifest-digest> ?o }",
    ):
        status, _, body = get(server, text, format="json")
        assert status == 200 and json.loads(body)["results"]["bindings"] == [], text


def test_cors_for_reads(server):
    status, headers, _ = http(
        server, "/query?" + urllib.parse.urlencode({"query": ASK}), headers={"Origin": "https://example.org"}
    )
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    preflight = urllib.request.Request(
        server.endpoint,
        method="OPTIONS",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    with urllib.request.urlopen(preflight, timeout=10) as answer:
        assert answer.status == 200 and "POST" in answer.headers["Access-Control-Allow-Methods"]


def test_host_allow_list(server):
    status, _, _ = http(server, "/health", headers={"Host": "rebinding.example.com"})
    assert status == 400
    assert http(server, "/health", headers={"Host": f"localhost:{server.port}"})[0] == 200


def test_health(server):
    health = server.health()
    assert health["status"] == "ok" and len(health["workers"]) == 2


def test_describe_as_turtle(server):
    status, headers, body = get(server, "DESCRIBE <https://w3id.org/minegraph/id/state/LVA>")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert (LVA, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None) in Graph().parse(
        data=body, format="turtle"
    )

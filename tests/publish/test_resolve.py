"""Dereferenceable IRIs, the ontology, and the library examples of the query page."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from tests.support.endpoint import LVA, get, http

MG_STATE = URIRef("https://w3id.org/minegraph/ontology#State")


@pytest.mark.parametrize(
    "accept,media,parser",
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("*/*", "text/turtle", "turtle"),
    ],
)
def test_state_lva_by_content_negotiation(server, accept, media, parser):
    status, headers, body = http(server, "/id/state/LVA", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(media) and "Accept" in headers["Vary"]
    graph = Graph().parse(data=body, format=parser)
    assert (LVA, RDF.type, MG_STATE) in graph
    assert any(o == LVA for o in graph.objects())  # incoming links are part of the document


def test_state_lva_html_for_browsers(server):
    status, headers, body = http(
        server, "/id/state/LVA", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
    )
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html") and "Accept" in headers["Vary"]
    assert "<h1>Latvia</h1>" in page and 'href="/ontology#State"' in page
    assert re.search(r'href="/id/source/[^"]+"', page)  # IRIs under the base link to this server


def test_format_parameter_overrides_accept(server):
    status, headers, _ = http(server, "/id/state/LVA?format=jsonld", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")


def test_unknown_entity_and_unacceptable_type(server):
    assert http(server, "/id/state/XXX", headers={"Accept": "text/turtle"})[0] == 404
    assert http(server, "/id/state/XXX", headers={"Accept": "text/html"})[0] == 404
    assert http(server, "/id/state/LVA", headers={"Accept": "image/png"})[0] == 406


def test_statement_page_is_its_trace_card(server):
    query = (
        "PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT ?s WHERE { ?s a mg:Statement ; mg:quote ?q } "
        "ORDER BY ?s LIMIT 1"
    )
    iri = json.loads(get(server, query, format="json")[2])["results"]["bindings"][0]["s"]["value"]
    path = urllib.parse.urlparse(iri).path.removeprefix("/minegraph")
    status, _, body = http(server, path, headers={"Accept": "text/html"})
    page = body.decode()
    assert status == 200 and "Trace card" in page and "<mark>" in page
    # the entries of the card `minegraph trace` prints, in its words
    assert "Speaker" in page and "Source" in page and "the file on disk has this hash" in page
    assert "the archived text there is the quote" in page


def test_ontology_as_data_and_html(server):
    status, headers, body = http(server, "/ontology", headers={"Accept": "text/turtle"})
    assert status == 200 and (MG_STATE, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in Graph().parse(
        data=body, format="turtle"
    )
    status, headers, body = http(server, "/ontology", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")


def test_examples_are_the_files_with_their_defaults_and_answer(server):
    status, _, body = http(server, "/examples.json")
    examples = {e["name"]: e for e in json.loads(body)}
    assert status == 200 and "membership-summary" in examples
    summary = examples["membership-summary"]
    assert summary["title"] and re.search(
        r'VALUES \?date \{ "\d{4}-\d\d-\d\d"\^\^<http://www.w3.org/2001/XMLSchema#date> \}', summary["query"]
    )
    row = json.loads(get(server, summary["query"], format="json")[2])["results"]["bindings"][0]
    assert int(row["inForce"]["value"]) > 100 and int(row["notBound"]["value"]) < 100


def test_query_page_served_from_local_assets(server):
    status, _, body = http(server, "/sparql")
    page = body.decode()
    assert (
        status == 200
        and '<script src="/assets/yasgui/yasgui.min.js">' in page
        and "&quot;mg&quot;: &quot;https://w3id.org/minegraph/ontology#&quot;" in page
    )
    assert "https://" not in re.sub(r'data-(base|prefixes)="[^"]*"', "", page)  # nothing fetched from elsewhere
    status, headers, _ = http(server, "/assets/yasgui/yasgui.min.js")
    assert status == 200 and "javascript" in headers["Content-Type"]

"""The endpoint from the clients people use, with their defaults: SPARQLWrapper and rdflib's SPARQLStore for
every query form, the Service Description at ``GET /query``, search, kind indexes and the served release."""

from __future__ import annotations

import hashlib
import json

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper

from tests.support.endpoint import LVA, http

MG = Namespace("https://w3id.org/minegraph/ontology#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PREFIX = "PREFIX mg: <https://w3id.org/minegraph/ontology#> "


def _wrapper(server, text: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server.endpoint)  # every default left as SPARQLWrapper ships it
    client.setQuery(text)
    return client


def test_sparqlwrapper_defaults_for_select_and_ask(server):
    xml = _wrapper(server, PREFIX + "SELECT ?s WHERE { ?s a mg:State } ORDER BY ?s LIMIT 2").query().convert()
    assert len(xml.getElementsByTagName("result")) == 2
    answer = _wrapper(server, f"ASK {{ <{LVA}> a <{MG.State}> }}").query().convert()
    assert answer.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_sparqlwrapper_defaults_for_construct_and_describe_get_rdf_xml(server):
    built = _wrapper(server, f"CONSTRUCT {{ <{LVA}> a ?t }} WHERE {{ <{LVA}> a ?t }}").query().convert()
    assert isinstance(built, Graph) and (LVA, RDF.type, MG.State) in built
    described = _wrapper(server, f"DESCRIBE <{LVA}>").query().convert()
    assert isinstance(described, Graph) and (LVA, RDF.type, MG.State) in described


def test_rdflib_sparqlstore_reads_the_endpoint(server):
    store = SPARQLStore(server.endpoint)
    graph = Graph(store=store)
    rows = list(graph.query(PREFIX + "SELECT ?s WHERE { ?s a mg:State } ORDER BY ?s LIMIT 3"))
    assert len(rows) == 3 and all(isinstance(r[0], URIRef) for r in rows)
    assert graph.query(f"ASK {{ <{LVA}> a <{MG.State}> }}").askAnswer is True
    built = graph.query(f"CONSTRUCT {{ <{LVA}> a ?t }} WHERE {{ <{LVA}> a ?t }}").graph
    assert (LVA, RDF.type, MG.State) in built


def test_get_query_without_a_query_is_the_service_description(server):
    status, headers, body = http(server, "/query", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    service = URIRef(server.endpoint)
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/RDF_XML")) in graph
    assert http(server, "/query?query=")[0] == 400  # an empty query is still a client error


def test_search_finds_a_state_by_label_and_filters_by_type(server):
    _, _, body = http(server, "/search?q=Latvia&format=json")
    results = json.loads(body)["results"]
    assert results[0]["iri"] == str(LVA) and results[0]["page"] == "/id/state/LVA"
    _, _, body = http(server, "/search?q=latvia&type=mg:State&format=json")
    assert [r["iri"] for r in json.loads(body)["results"]] == [str(LVA)]
    status, headers, body = http(server, "/search?q=lat", headers={"Accept": "text/html"})
    assert status == 200 and 'href="/id/state/LVA"' in body.decode()
    assert http(server, "/search?q=x&type=no+such")[0] == 400


def test_kind_index_lists_every_state_and_pages(server):
    _, _, body = http(server, "/id/state/?format=json")
    page = json.loads(body)
    assert page["kind"] == "state" and {"iri": str(LVA), "label": "Latvia"} in page["results"]
    assert len(page["results"]) == 197 and page["more"] is False
    assert http(server, "/id/nosuchkind/")[0] == 404
    status, _, body = http(server, "/id/", headers={"Accept": "text/html"})
    assert status == 200 and 'href="/id/state/"' in body.decode()


def test_the_release_is_served_with_its_checksums(server):
    status, _, sums = http(server, "/dist/SHA256SUMS")
    assert status == 200
    listed = [line.split("  ", 1) for line in sums.decode().splitlines()]
    assert any(name == "minegraph.ttl" for _, name in listed)
    for digest, name in listed[:6]:
        status, _, body = http(server, f"/dist/{name}")
        assert status == 200 and hashlib.sha256(body).hexdigest() == digest, name
    assert http(server, "/dist/../pyproject.toml")[0] == 404
    assert http(server, "/dist/no-such-file")[0] == 404


def test_well_known_void_points_downloads_at_this_server(server):
    status, headers, body = http(server, "/.well-known/void")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    urls = {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/ns/dcat#downloadURL"))}
    assert urls and all(u.startswith(server.url + "/dist/") for u in urls)
    some = sorted(urls)[0].removeprefix(server.url)
    assert http(server, some)[0] == 200


def test_ontology_html_needs_no_export_step(server):
    status, headers, body = http(server, "/ontology", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "not there yet" not in body.decode() and "State" in body.decode()

"""The SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/) answered at
``GET /query`` with no query: the endpoint, the language, every result format it writes, and the
dataset, linked to its VoID/DCAT description at ``/.well-known/void``."""

from __future__ import annotations

import pyoxigraph as ox

from .negotiation import GRAPHS, RESULTS, Format

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def description(endpoint: str, dataset_iri: str, formats: tuple[Format, ...] = RESULTS + GRAPHS) -> list[ox.Triple]:
    """The triples of the description of the endpoint at ``endpoint`` serving the data under ``base``."""
    service, dataset, graph = _n(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [
        ox.Triple(service, RDF_TYPE, _n(SD + "Service")),
        ox.Triple(service, _n(SD + "endpoint"), service),
        ox.Triple(service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        ox.Triple(service, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
        ox.Triple(service, _n(SD + "defaultEntailmentRegime"), _n("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, _n(DCTERMS + "title"), ox.Literal("minegraph SPARQL endpoint (read-only)", language="en")),
        ox.Triple(service, _n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _n(SD + "Dataset")),
        ox.Triple(dataset, _n(SD + "defaultGraph"), graph),
        ox.Triple(graph, RDF_TYPE, _n(SD + "Graph")),
        ox.Triple(dataset, _n(DCTERMS + "source"), _n(dataset_iri)),
        ox.Triple(dataset, _n(VOID + "rootResource"), _n(dataset_iri)),
        ox.Triple(
            dataset,
            _n("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
            _n(endpoint.rsplit("/", 1)[0] + "/.well-known/void"),
        ),
    ]
    for fmt in formats:  # each with its W3C format IRI (https://www.w3.org/ns/formats/), from the registry
        if "w3c" in fmt.extra:
            triples.append(ox.Triple(service, _n(SD + "resultFormat"), _n(FORMATS + fmt.extra["w3c"])))
    return triples


def serialised(endpoint: str, dataset_iri: str, fmt: Format, prefixes: dict[str, str]) -> bytes:
    target = getattr(ox.RdfFormat, fmt.oxigraph)
    wanted = {"sd": SD, "void": VOID, "dcterms": DCTERMS} | {k: v for k, v in prefixes.items() if k == "rdfs"}
    return ox.serialize(
        description(endpoint, dataset_iri), format=target, prefixes=wanted if target == ox.RdfFormat.TURTLE else None
    )

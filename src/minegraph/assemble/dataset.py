"""The dataset's own description (``graph/dataset.ttl``): VoID and DCAT metadata, so that
linked-data tools can discover what minegraph holds, under which licence, in which files.

Written by the build after every other part, from their graphs: triple counts are exact and the
output is deterministic. The description does not count its own triples.
"""

from __future__ import annotations

from rdflib import XSD, Graph, Literal, URIRef

from minegraph.core.namespaces import DCAT, DCTERMS, ID_BASE, OA, ORG, PROV, SCHEMA, SEM, SKOS, TIME, VOID, iri
from minegraph.assemble.rdf import describe, new_graph, text

DATASET = iri("dataset", "minegraph")
#: Where the published files will be downloadable (the w3id redirect is not registered yet).
DOWNLOAD_BASE = "https://w3id.org/minegraph/graph/"
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
ONTOLOGY = URIRef("https://w3id.org/minegraph/ontology")
VOCABULARIES = (ONTOLOGY, PROV, SCHEMA, ORG, OA, SKOS, DCTERMS, TIME, SEM)


def describe_dataset(graphs: dict[str, Graph]) -> Graph:
    """VoID/DCAT description of the dataset made of ``graphs`` (file name → graph)."""
    g = new_graph()
    describe(g, DATASET, [VOID.Dataset, DCAT.Dataset], "minegraph")
    g.add((DATASET, DCTERMS.title, text("minegraph: the Anti-Personnel Mine Ban Convention, its parties, and who said what")))
    g.add((DATASET, DCTERMS.description, text(
        "Linked data on the 1997 Anti-Personnel Mine Ban Convention: every state's treaty acts as dated events, "
        "the 2025 withdrawals, and attributed statements about them (speaker, role, decision, stance, verbatim "
        "quote anchored in an archived source), each fact with its source document.")))
    g.add((DATASET, DCTERMS.license, LICENSE))
    g.add((DATASET, DCTERMS.creator, Literal("minegraph developers")))
    g.add((DATASET, VOID.uriSpace, Literal(ID_BASE)))
    g.add((DATASET, VOID.exampleResource, iri("state", "LVA")))
    g.add((DATASET, VOID.exampleResource, iri("statement", "euronews-2025-04-10-01-carbonnier-civilian-victims")))
    for vocabulary in VOCABULARIES:
        g.add((DATASET, VOID.vocabulary, URIRef(str(vocabulary))))
    total = 0
    for name, part in sorted(graphs.items()):
        count = len(part)
        total += count
        distribution = iri("dataset", f"minegraph-{name.removesuffix('.ttl')}")
        describe(g, distribution, [DCAT.Distribution, VOID.Dataset], f"graph/{name}")
        g.add((DATASET, DCAT.distribution, distribution))
        g.add((DATASET, VOID.subset, distribution))
        g.add((distribution, DCAT.downloadURL, URIRef(DOWNLOAD_BASE + name)))
        g.add((DATASET, VOID.dataDump, URIRef(DOWNLOAD_BASE + name)))
        g.add((distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/text/turtle")))
        g.add((distribution, VOID.triples, Literal(count, datatype=XSD.integer)))
    g.add((DATASET, VOID.triples, Literal(total, datatype=XSD.integer)))
    return g

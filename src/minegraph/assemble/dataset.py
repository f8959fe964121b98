"""The dataset's own description (``graph/dataset.ttl``): the one VoID/DCAT description of minegraph.

Generated here once: ``minegraph build`` writes it into the data (so the store and the endpoint answer
it), and the release's ``void.ttl`` (:mod:`minegraph.publish.export.void`) takes these same triples and
adds only what a release alone knows (its version, dates, counts and partitions, dumps and endpoint),
each on a property this description leaves alone, so the two never disagree on one IRI. Nothing here
counts or depends on the files, so the output is constant.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from minegraph.assemble.rdf import new_graph, text
from minegraph.core.namespaces import DCAT, DCTERMS, FOAF, ID_BASE, VOID, iri

DATASET = iri("dataset", "minegraph")
PUBLISHER = iri("dataset", "minegraph-developers")
RIGHTS_NODE = iri("dataset", "minegraph-rights")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
KEYWORDS = ("Anti-Personnel Mine Ban Convention", "Ottawa Convention", "landmines", "treaty withdrawal", "linked data")
TITLE = "minegraph: the Anti-Personnel Mine Ban Convention, its parties, and who said what"
DESCRIPTION = (
    "Linked data on the 1997 Anti-Personnel Mine Ban Convention: every state's treaty acts as dated events, "
    "the 2025 withdrawals, and attributed statements about them (speaker, role, decision, stance, verbatim "
    "quote anchored in an archived source), each fact with its source document."
)
PUBLISHER_NAME = "minegraph developers"  # the authors named in pyproject.toml
RIGHTS = (
    "Data: CC BY 4.0. The archived texts of third-party source documents (sources/*.txt) are not covered "
    "by that licence: they stay under their publishers' rights and are kept only so that every quote can "
    "be checked against its source; `minegraph export --without-texts` leaves them out and keeps their "
    "hashes and selectors."
)


def describe_dataset(graphs: dict[str, Graph] | None = None) -> Graph:
    """The description's triples (``graphs``, the other parts, are not counted: a release counts)."""
    g = new_graph()
    for kind in (VOID.Dataset, DCAT.Dataset):
        g.add((DATASET, RDF.type, kind))
    g.add((DATASET, DCTERMS.title, text(TITLE)))
    g.add((DATASET, DCTERMS.description, text(DESCRIPTION)))
    g.add((DATASET, DCTERMS.license, LICENSE))
    g.add((DATASET, DCTERMS.rights, RIGHTS_NODE))
    g.add((RIGHTS_NODE, RDF.type, DCTERMS.RightsStatement))
    g.add((RIGHTS_NODE, RDFS.label, text(RIGHTS)))
    for role in (DCTERMS.publisher, DCTERMS.creator):
        g.add((DATASET, role, PUBLISHER))
    g.add((PUBLISHER, RDF.type, FOAF.Agent))
    g.add((PUBLISHER, FOAF.name, Literal(PUBLISHER_NAME)))
    for keyword in KEYWORDS:
        g.add((DATASET, DCAT.keyword, text(keyword)))
    g.add((DATASET, VOID.uriSpace, Literal(ID_BASE)))
    return g

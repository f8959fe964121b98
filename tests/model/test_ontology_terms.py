"""Every term of the minegraph ontology says where it is defined, every property says its domain
(or why it has none), and every property is used by the built graph."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from minegraph.core.namespaces import MG

ONTOLOGY_IRI = URIRef("https://w3id.org/minegraph/ontology")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)
NO_DOMAIN_REASON = "No domain"


@pytest.fixture(scope="module")
def ontology(project) -> Graph:
    return Graph().parse(project.ontology_dir / "minegraph.ttl")


def _terms(ontology: Graph, types) -> list[URIRef]:
    return sorted({s for t in types for s in ontology.subjects(RDF.type, t) if str(s).startswith(str(MG))})


def test_every_term_is_defined_by_the_ontology(ontology):
    missing = [t for t in _terms(ontology, TERM_TYPES) if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology]
    assert not missing, f"terms without rdfs:isDefinedBy <{ONTOLOGY_IRI}>: {missing}"


def test_every_property_has_a_domain_or_a_reason_for_none(ontology):
    def explained(prop):
        return any(NO_DOMAIN_REASON in str(c) for c in ontology.objects(prop, RDFS.comment))

    missing = [
        p for p in _terms(ontology, PROPERTY_TYPES) if (p, RDFS.domain, None) not in ontology and not explained(p)
    ]
    assert not missing, f"properties with neither rdfs:domain nor a comment saying '{NO_DOMAIN_REASON}: why': {missing}"


#: Terms the committed graph does not use yet but the tools write: the extractor's confidence of a
#: suggested stance (``minegraph ingest`` / ``accept``; the shapes test it with a fixture), and the
#: knowledge time the as-of views carry (``minegraph.store.asof``; tests/store/test_knowledge_time.py).
WRITTEN_BY_TOOLS = {MG.confidence, MG.knownFrom}


def test_every_property_is_used_by_the_graph(ontology, real_graph):
    used = set(real_graph.predicates()) | WRITTEN_BY_TOOLS
    unused = [p for p in _terms(ontology, PROPERTY_TYPES) if p not in used]
    assert not unused, f"properties no triple of ontology/ or graph/ uses (remove them): {unused}"

"""The shapes file itself: every SHACL term it uses exists, it is valid SHACL, every shape
speaks to people, its controlled-value lists are the closed concept schemes, and the valid
fixture passes it (and every check) without a single finding."""

from __future__ import annotations

from importlib import resources

import pyshacl
import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from minegraph.core.namespaces import CONCEPT_BASE

#: sh:in lists that are deliberately a part of a scheme (an accession's instrument is accession).
PARTIAL_LISTS = {"Ratification-instrument", "Accession-instrument", "Succession-instrument"}
#: Schemes that are open (concepts added with the data), hence checked without sh:in.
#: Schemes that grow with the data (no sh:in list): measures, and roles (any org:Role of the role scheme, as the
#: debate's speakers held roles no closed list foresaw).
OPEN_SCHEMES = {CONCEPT_BASE + "measure", CONCEPT_BASE + "role"}


def shacl_vocabulary() -> Graph:
    """The W3C SHACL vocabulary, as shipped with pySHACL."""
    return Graph().parse(
        data=resources.files("pyshacl").joinpath("assets/shacl.ttl").read_text("utf-8"), format="turtle"
    )


def undefined_shacl_terms(shapes: Graph, vocabulary: Graph) -> set[URIRef]:
    """Every sh: IRI of ``shapes`` that the SHACL vocabulary does not define."""
    used = {term for triple in shapes for term in triple if isinstance(term, URIRef) and str(term).startswith(str(SH))}
    return {term for term in used if (term, None, None) not in vocabulary}


def test_every_sh_term_of_the_shapes_is_defined_by_shacl(schema):
    assert undefined_shacl_terms(schema.shapes, shacl_vocabulary()) == set()


def test_a_misspelt_sh_term_would_be_caught():
    misspelt = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . [] sh:path [] ; sh:minlength 3 ; sh:maxCount 1 .",
        format="turtle",
    )
    assert undefined_shacl_terms(misspelt, shacl_vocabulary()) == {URIRef(str(SH) + "minlength")}


def test_shapes_conform_to_shacl_shacl(schema):
    meta = Graph().parse(
        data=resources.files("pyshacl").joinpath("assets/shacl-shacl.ttl").read_text("utf-8"), format="turtle"
    )
    conforms, _, text = pyshacl.validate(schema.shapes, shacl_graph=meta, inference="none")
    assert conforms, text


#: Predicates of a shape that are not constraints (a shape with only these reports nothing itself).
STRUCTURAL = {
    SH.path,
    SH.property,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.targetNode,
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.deactivated,
    SH.qualifiedValueShape,
}


def test_every_shape_that_reports_has_an_english_message(schema):
    """Named shapes and property shapes with a constraint of their own (helpers inside sh:or are exempt)."""
    shapes = schema.shapes
    candidates = {s for s in shapes.subjects(RDF.type, None) if isinstance(s, URIRef)} | set(
        shapes.objects(None, SH.property)
    )
    reporting = {
        s for s in candidates if any(str(p).startswith(str(SH)) and p not in STRUCTURAL for p in shapes.predicates(s))
    }
    silent = [
        s for s in reporting if not any(m.language == "en" and str(m).strip() for m in shapes.objects(s, SH.message))
    ]
    assert len(reporting) > 100 and silent == []


def test_every_shape_has_a_unique_message(schema):
    messages = [str(m) for m in schema.shapes.objects(None, SH.message)]
    assert len(messages) == len(set(messages)), sorted(m for m in messages if messages.count(m) > 1)


def in_lists(shapes: Graph) -> dict[str, set[URIRef]]:
    """The sh:in list of each named shape, by the shape's local name."""
    return {
        str(shape).split("#")[-1]: set(Collection(shapes, head))
        for shape, head in shapes.subject_objects(SH["in"])
        if isinstance(shape, URIRef)
    }


def scheme_concepts(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    schemes: dict[URIRef, set[URIRef]] = {}
    for concept, scheme in ontology.subject_objects(SKOS.inScheme):
        schemes.setdefault(scheme, set()).add(concept)
    return schemes


def test_controlled_value_lists_are_exactly_the_closed_concept_schemes(schema):
    schemes = scheme_concepts(schema.ontology)
    lists = in_lists(schema.shapes)
    for name, members in lists.items():
        owners = {scheme for scheme, concepts in schemes.items() if members <= concepts}
        assert owners, f"{name}: {sorted(members)} are not the concepts of one scheme"
        if name not in PARTIAL_LISTS:
            assert any(members == schemes[s] for s in owners), f"{name} lists part of a scheme only"
    closed = {s for s in schemes if str(s) not in OPEN_SCHEMES}
    covered = {s for members in lists.values() for s, concepts in schemes.items() if members == concepts}
    assert closed - covered == set(), "closed schemes no sh:in list checks"


def test_shapes_use_no_constraint_parameter_the_coverage_test_does_not_know(
    schema, reporting_shapes, constraint_parameters
):
    used = {p for s in reporting_shapes for p in schema.shapes.predicates(s) if str(p).startswith(str(SH))}
    assert used - STRUCTURAL - set(constraint_parameters) == set()


@pytest.mark.parametrize("shacl", [True, False], ids=["shacl-and-checks", "checks-only"])
def test_valid_fixture_has_no_finding_at_all(run_mutation, shacl, foundation_checks):
    report = run_mutation(shacl=shacl)
    assert report.findings == []
    assert report.conforms
    assert report.checks == list(foundation_checks)


def test_every_class_of_the_shapes_has_an_instance_in_the_valid_fixture(schema, valid_triples):
    """So that every shape is exercised by the valid fixture (and can be broken from it)."""
    union = Graph()
    union += schema.ontology
    union += valid_triples
    targets = set(schema.shapes.objects(None, SH.targetClass))

    def instances(cls: URIRef) -> bool:
        subclasses = {cls, *union.transitive_subjects(URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), cls)}
        return any((None, RDF.type, c) in valid_triples for c in subclasses)

    assert sorted(c for c in targets if not instances(c)) == []


def test_sh_class_and_targets_follow_the_ontologys_subclass_chains(schema, fixture_project, valid_triples):
    """Without the ontology's rdfs:subClassOf the valid fixture breaks (a media outlet is an actor
    only through mg:Organisation); with it, it passes: pySHACL needs no OWL inference here."""
    from rdflib.namespace import RDFS

    from minegraph.validation.pyshacl import Schema, validate_graph

    flat = Graph()
    flat += schema.ontology
    flat.remove((None, RDFS.subClassOf, None))
    report = validate_graph(
        valid_triples, fixture_project, checks=[], schema=Schema(ontology=flat, shapes=schema.shapes, subject_files={})
    )
    assert "shape mgsh:Range-actor" in {f.source for f in report.findings}
    assert validate_graph(valid_triples, fixture_project, checks=[], schema=schema).findings == []

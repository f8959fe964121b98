"""void.ttl: its counts (SPARQL on Oxigraph stores) equal the counts of the graph as rdflib reads it from
the project's files, and each distribution's size and checksum are those of the file."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

SPDX = Namespace("http://spdx.org/rdf/terms#")
DATASET = URIRef("https://w3id.org/minegraph/id/dataset/minegraph")
URI_SPACE = "https://w3id.org/minegraph/id/"


@pytest.fixture(scope="module")
def void(release):
    return Graph().parse(release.output_dir / "void.ttl", format="turtle")


def _one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def test_totals_equal_counts_on_the_graph(void, expected_graph):
    subjects = set(expected_graph.subjects(unique=True))
    assert int(_one(void, DATASET, VOID.triples)) == len(expected_graph)
    assert int(_one(void, DATASET, VOID.distinctSubjects)) == len(subjects)
    assert int(_one(void, DATASET, VOID.distinctObjects)) == len(set(expected_graph.objects(unique=True)))
    assert int(_one(void, DATASET, VOID.properties)) == len(set(expected_graph.predicates(unique=True)))
    entities = {s for s in subjects if isinstance(s, URIRef) and str(s).startswith(URI_SPACE)}
    assert int(_one(void, DATASET, VOID.entities)) == len(entities)
    assert str(_one(void, DATASET, VOID.uriSpace)) == URI_SPACE


def test_class_partitions_equal_counts_on_the_graph(void, expected_graph):
    expected = Counter(c for _, c in set(expected_graph.subject_objects(RDF.type)))
    partitions = {
        _one(void, p, VOID["class"]): int(_one(void, p, VOID.entities))
        for p in void.objects(DATASET, VOID.classPartition)
    }
    assert partitions == expected
    assert int(_one(void, DATASET, VOID.classes)) == len(expected)


def test_property_partitions_equal_counts_on_the_graph(void, expected_graph):
    expected = Counter(expected_graph.predicates())
    partitions = {
        _one(void, p, VOID.property): int(_one(void, p, VOID.triples))
        for p in void.objects(DATASET, VOID.propertyPartition)
    }
    assert partitions == expected


def test_named_graph_subsets_add_up(void, release):
    subsets = list(void.objects(DATASET, VOID.subset))
    assert {str(s) for s in subsets} == set(release.graphs)
    assert sum(int(_one(void, s, VOID.triples)) for s in subsets) == release.quads


def test_each_dump_is_a_distribution_with_its_size_and_checksum(void, release):
    dumps = sorted(p.name for p in release.output_dir.glob("minegraph.*"))
    distributions = list(void.objects(DATASET, DCAT.distribution))
    assert len(distributions) == len(dumps) == 10
    for node in distributions:
        url = str(_one(void, node, DCAT.downloadURL))
        name = url.rsplit("/", 1)[1]
        data = (release.output_dir / name).read_bytes()
        size = _one(void, node, DCAT.byteSize)
        assert int(size) == len(data) and size.datatype == XSD.nonNegativeInteger
        checksum = _one(void, node, SPDX.checksum)
        assert _one(void, checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(_one(void, checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert str(_one(void, node, DCAT.mediaType)).startswith("http://www.iana.org/assignments/media-types/")
        assert URIRef(url) in set(void.objects(DATASET, VOID.dataDump))


def test_metadata_from_the_data_not_the_clock(void, expected_graph):
    latest = max(
        [
            row[0].toPython()
            for row in expected_graph.query("SELECT ?d WHERE { ?x <https://schema.org/datePublished> ?d }")
        ]
        + [
            row[0].toPython()
            for row in expected_graph.query(
                "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?d WHERE { ?o a <http://www.w3.org/2002/07/owl#Ontology> ; dcterms:modified ?d }"
            )
        ]
    )
    assert _one(void, DATASET, DCTERMS.modified).toPython() == latest
    assert _one(void, DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(_one(void, DATASET, DCAT.version))
    for key in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.issued, VOID.sparqlEndpoint):
        _one(void, DATASET, key)
    examples = set(void.objects(DATASET, VOID.exampleResource))
    assert examples and all((e, None, None) in expected_graph for e in examples)
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert {
        "https://w3id.org/minegraph/ontology#",
        "http://www.w3.org/ns/oa#",
        "http://www.w3.org/ns/prov#",
    } <= vocabularies


def test_the_endpoint_is_a_data_service(void):
    (service,) = void.subjects(RDF.type, DCAT.DataService)
    assert _one(void, service, DCAT.servesDataset) == DATASET
    assert _one(void, service, DCAT.endpointURL) == _one(void, DATASET, VOID.sparqlEndpoint)


def test_literals_a_store_would_merge_are_counted_apart():
    """``"37.0"`` and ``"37"`` (xsd:decimal) are two RDF terms that an Oxigraph store would merge on load."""
    import pyoxigraph as ox

    from minegraph.publish.export.inputs import REFERENCE_GRAPH, Release, quad_key
    from minegraph.publish.export.void import describe

    decimal = ox.NamedNode(str(XSD.decimal))
    subject, predicate = ox.NamedNode(URI_SPACE + "x"), ox.NamedNode("https://w3id.org/minegraph/ontology#value")
    objects = [ox.Literal("37.0", datatype=decimal), ox.Literal("37", datatype=decimal), ox.Literal("37")]
    quads = tuple(sorted((ox.Quad(subject, predicate, o, REFERENCE_GRAPH) for o in objects), key=quad_key))
    triples = describe(Release((), quads), [], "https://example.org/", "0")
    counts = {
        (t.subject.value.rsplit("/", 1)[1], t.predicate.value.rsplit("#", 1)[1]): int(t.object.value)
        for t in triples
        if str(t.predicate).startswith(f"<{VOID}") and t.predicate.value.endswith(("triples", "Objects"))
    }
    assert counts[("minegraph", "triples")] == counts[("minegraph", "distinctObjects")] == 3
    assert counts[("minegraph-property-mg-value", "distinctObjects")] == 3
    assert counts[("reference", "triples")] == 3


def test_the_release_describes_the_dataset_as_graph_dataset_ttl_does_and_only_adds_to_it(void):
    """One description: every triple of graph/dataset.ttl (what the store and the endpoint hold) is in
    void.ttl, and void.ttl gives no other value for a property that graph/dataset.ttl states."""
    from pathlib import Path

    built = Graph().parse(Path(__file__).resolve().parents[3] / "graph" / "dataset.ttl", format="turtle")
    assert len(built) > 10
    assert set(built) <= set(void), set(built) - set(void)
    for subject, predicate in {(s, p) for s, p, _ in built}:
        assert set(void.objects(subject, predicate)) == set(built.objects(subject, predicate)), (subject, predicate)

"""``void.ttl``: the VoID + DCAT 3 description of a release (DCAT-AP friendly).

One ``void:Dataset``/``dcat:Dataset`` with its counts, partitions and dates (computed by the SPARQL
queries in ``queries/`` on in-memory Oxigraph stores, see :class:`ReleaseStores` for why literals are
stood in for), one ``dcat:Distribution`` per dump with its size and SHA-256
(``spdx:checksum``, as DCAT 3 recommends), one ``void:Dataset`` per named graph (``void:subset``)
and the SPARQL endpoint as a ``dcat:DataService``. Every node has an IRI (no blank nodes), so the
file is reproducible byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal

from minegraph.assemble.dataset import LICENSE, describe_dataset
from minegraph.core.formats import by_media_type
from minegraph.core.namespaces import ID_BASE, PREFIXES
from minegraph.queries.library import package_query
from minegraph.store.oxigraph import OxigraphStore

from .inputs import Release, source_graph

DATA_LICENCE = str(LICENSE)
SPDX = "http://spdx.org/rdf/terms#"
FOAF = "http://xmlns.com/foaf/0.1/"
IANA = "http://www.iana.org/assignments/media-types/"
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
THEME = EU_AUTHORITY + "data-theme/INTR"  # DCAT-AP data theme "International issues"
_VOCABULARY_PREFIXES = {p: ns for p, ns in PREFIXES.items() if not ns.startswith(ID_BASE)}


@dataclass(frozen=True)
class DumpFile:
    """One file of the release described as a distribution."""

    name: str  # path inside the release, e.g. "minegraph.ttl.gz"
    media_type: str  # of the RDF inside, e.g. "text/turtle"
    byte_size: int
    sha256: str

    @property
    def compressed(self) -> bool:
        return self.name.endswith(".gz")


def _query_text(name: str) -> str:
    return package_query(Path(__file__).with_name("queries"), name).text


def _stand_in(term: ox.NamedNode | ox.Literal) -> ox.NamedNode | ox.Literal:
    """A literal as the string of its N-Triples form: one stand-in per RDF term, which no store rewrites."""
    return ox.Literal(str(term)) if isinstance(term, ox.Literal) else term


def _standing_in(quad: ox.Quad, graph: ox.NamedNode | ox.DefaultGraph) -> ox.Quad:
    return ox.Quad(quad.subject, quad.predicate, _stand_in(quad.object), graph)


@dataclass(frozen=True)
class ReleaseStores:
    """The release in two in-memory Oxigraph stores, each with the union of every graph as default graph.

    An Oxigraph store normalises literals on load (``"37.0"^^xsd:decimal`` becomes ``"37"``), which
    would merge distinct terms and undercount. ``counts`` therefore holds every literal as its stand-in
    (:func:`_stand_in`), and the named graphs too; it answers every counting query. ``values`` holds
    the literals themselves, for the one query that compares them (the dates, which it returns in
    Oxigraph's canonical form)."""

    counts: OxigraphStore
    values: OxigraphStore

    @classmethod
    def of(cls, release: Release) -> "ReleaseStores":
        union = release.triples()
        counts = OxigraphStore.from_quads(_standing_in(ox.Quad(*triple), ox.DefaultGraph()) for triple in union)
        counts.native.bulk_extend(_standing_in(quad, quad.graph_name) for quad in release.quads)
        values = OxigraphStore.from_quads(ox.Quad(*triple) for triple in union)
        return cls(counts, values)


def run_query(store: OxigraphStore, name: str, **bindings: Literal) -> list[dict[str, ox.NamedNode | ox.Literal]]:
    """Rows of one query of ``queries/`` as dicts of Oxigraph terms (the store's native rows), parameters
    bound as RDF terms."""
    result = store.query(_query_text(name), bindings)
    return [{key: cell for key, cell in zip(result.variables, row) if cell is not None} for row in result.cells]


class _Description:
    """The triples of the description, built with minegraph's prefixes: ``add("void:triples", ...)``."""

    def __init__(self) -> None:
        self.triples: set[ox.Triple] = set()

    @staticmethod
    def node(name: str) -> ox.NamedNode:
        prefix, _, local = name.partition(":")
        if prefix in PREFIXES:
            return ox.NamedNode(PREFIXES[prefix] + local)
        extra = {"spdx": SPDX, "foaf": FOAF}
        return ox.NamedNode(extra[prefix] + local) if prefix in extra else ox.NamedNode(name)

    def add(self, subject: ox.NamedNode, predicate: str, obj: ox.NamedNode | ox.Literal | str) -> None:
        value = self.node(obj) if isinstance(obj, str) else obj
        self.triples.add(ox.Triple(subject, self.node(predicate), value))


def _ox(term) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as a pyoxigraph term."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return (
            ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))
        )
    return ox.NamedNode(str(term))


def _integer(value: int, datatype: str = "integer") -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(PREFIXES["xsd"] + datatype))


def _text(value: str) -> ox.Literal:
    return ox.Literal(value, language="en")


def _dataset_node(slug: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES["dataset"] + slug)


def _slug_of(iri: str) -> str:
    """A readable slug for a partition: ``mg:State`` -> ``mg-State``."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and iri != namespace:
            local = iri[len(namespace) :]
            return f"{prefix}-{''.join(c if c.isalnum() or c in '-_.' else '-' for c in local)}"
    raise ValueError(f"no prefix of minegraph's for {iri}: add it to minegraph.core.namespaces")


def vocabulary_of(iri: str) -> str | None:
    """The namespace (of minegraph's known vocabularies) an IRI belongs to, if any."""
    matches = [ns for ns in _VOCABULARY_PREFIXES.values() if iri.startswith(ns)]
    return max(matches, key=len) if matches else None


def describe(release: Release, dumps: list[DumpFile], base: str, version: str) -> set[ox.Triple]:
    """The triples of ``void.ttl`` for a release whose dumps are ``dumps``, published under ``base``."""
    stores = ReleaseStores.of(release)
    out = _Description()
    dataset = _dataset_node("minegraph")
    _describe_dataset(out, dataset, stores, base, version)
    _describe_partitions(out, dataset, stores.counts)
    _describe_graphs(out, dataset, stores.counts)
    _describe_distributions(out, dataset, dumps, base)
    _describe_service(out, dataset, base)
    return out.triples


def _describe_dataset(out: _Description, dataset: ox.NamedNode, stores: ReleaseStores, base: str, version: str) -> None:
    """The dataset's one description (graph/dataset.ttl, :mod:`minegraph.assemble.dataset`), plus what only a
    release knows: its version, dates, counts, endpoint, landing page and examples."""
    for subject, predicate, obj in describe_dataset():
        out.triples.add(ox.Triple(_ox(subject), _ox(predicate), _ox(obj)))
    out.add(dataset, "dcat:version", ox.Literal(version))
    out.add(dataset, "dcat:theme", ox.NamedNode(THEME))
    for row in run_query(stores.values, "void-dates"):
        for key in ("issued", "modified"):
            if key in row:
                out.add(dataset, f"dcterms:{key}", row[key])
    (totals,) = run_query(stores.counts, "void-totals")
    for key in ("triples", "distinctSubjects", "distinctObjects", "properties"):
        out.add(dataset, f"void:{key}", totals[key])
    for row in run_query(stores.counts, "void-entities", uriSpace=Literal(ID_BASE)):
        out.add(dataset, "void:entities", row["entities"])
    out.add(dataset, "void:sparqlEndpoint", ox.NamedNode(base + "query"))
    out.add(dataset, "dcat:landingPage", ox.NamedNode(base))
    for row in run_query(stores.counts, "void-examples"):
        out.add(dataset, "void:exampleResource", row["example"])


def _describe_partitions(out: _Description, dataset: ox.NamedNode, store: OxigraphStore) -> None:
    vocabularies = set()
    classes = run_query(store, "void-class-partitions")
    for row in classes:
        node = _dataset_node(f"minegraph-class-{_slug_of(row['class'].value)}")
        out.add(dataset, "void:classPartition", node)
        out.add(node, "void:class", row["class"])
        out.add(node, "void:entities", row["entities"])
        out.add(node, "void:triples", row["triples"])
        vocabularies.add(vocabulary_of(row["class"].value))
    out.add(dataset, "void:classes", _integer(len(classes)))
    for row in run_query(store, "void-property-partitions"):
        node = _dataset_node(f"minegraph-property-{_slug_of(row['property'].value)}")
        out.add(dataset, "void:propertyPartition", node)
        out.add(node, "void:property", row["property"])
        for key in ("triples", "distinctSubjects", "distinctObjects"):
            out.add(node, f"void:{key}", row[key])
        vocabularies.add(vocabulary_of(row["property"].value))
    for namespace in sorted(v for v in vocabularies if v):
        out.add(dataset, "void:vocabulary", ox.NamedNode(namespace))


def _describe_graphs(out: _Description, dataset: ox.NamedNode, store: OxigraphStore) -> None:
    """One ``void:subset`` per named graph; the graph's IRI names the subset."""
    prefix = source_graph("").value
    for row in run_query(store, "void-graphs"):
        graph = row["graph"]
        out.add(dataset, "void:subset", graph)
        out.add(graph, "rdf:type", "void:Dataset")
        out.add(graph, "void:triples", row["triples"])
        if graph.value.startswith(prefix):
            slug = graph.value[len(prefix) :]
            out.add(graph, "dcterms:title", _text(f"Statements, claims and anchors of source document {slug}"))
            out.add(graph, "dcterms:source", ox.NamedNode(PREFIXES["source"] + slug))
        else:
            out.add(graph, "dcterms:title", _text("Reference data, ontology and concept schemes"))


def _describe_distributions(out: _Description, dataset: ox.NamedNode, dumps: list[DumpFile], base: str) -> None:
    for dump in dumps:
        node = _dataset_node("minegraph-dump-" + dump.name.replace(".", "-"))
        url = ox.NamedNode(f"{base}dist/{dump.name}")
        checksum = _dataset_node("minegraph-dump-" + dump.name.replace(".", "-") + "-sha256")
        out.add(dataset, "dcat:distribution", node)
        out.add(dataset, "void:dataDump", url)
        out.add(node, "rdf:type", "dcat:Distribution")
        out.add(node, "dcterms:title", ox.Literal(dump.name))
        out.add(node, "dcat:downloadURL", url)
        out.add(node, "dcat:accessURL", url)
        out.add(node, "dcat:mediaType", ox.NamedNode(IANA + dump.media_type))
        out.add(
            node,
            "dcterms:format",
            ox.NamedNode(EU_AUTHORITY + "file-type/" + by_media_type(dump.media_type).extra["eu_file_type"]),
        )
        if dump.compressed:
            out.add(node, "dcat:compressFormat", ox.NamedNode(IANA + "application/gzip"))
        out.add(node, "dcat:byteSize", _integer(dump.byte_size, "nonNegativeInteger"))
        out.add(node, "dcterms:license", ox.NamedNode(DATA_LICENCE))
        out.add(node, "spdx:checksum", checksum)
        out.add(checksum, "rdf:type", "spdx:Checksum")
        out.add(checksum, "spdx:algorithm", "spdx:checksumAlgorithm_sha256")
        out.add(
            checksum,
            "spdx:checksumValue",
            ox.Literal(dump.sha256, datatype=ox.NamedNode(PREFIXES["xsd"] + "hexBinary")),
        )


def _describe_service(out: _Description, dataset: ox.NamedNode, base: str) -> None:
    service = _dataset_node("minegraph-sparql")
    out.add(service, "rdf:type", "dcat:DataService")
    out.add(service, "dcterms:title", _text("minegraph SPARQL 1.1 endpoint (read-only)"))
    out.add(service, "dcat:endpointURL", ox.NamedNode(base + "query"))
    out.add(service, "dcat:servesDataset", dataset)
    out.add(service, "dcterms:conformsTo", ox.NamedNode("https://www.w3.org/TR/sparql11-protocol/"))
    out.add(service, "dcterms:license", ox.NamedNode(DATA_LICENCE))

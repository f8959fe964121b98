"""The real graph (graph/*.ttl, built by ``minegraph build``): it conforms to the shapes and
every check, parses to the same triples with rdflib and Oxigraph, and serialises stably."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from minegraph.core.rdf_io import parse_into, serialize_turtle

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def data_files(project):
    files = project.data_files()
    assert files, "graph/ holds no *.ttl: run `make build`"
    return files


def test_real_graph_conforms(project, real_report):
    data_files(project)
    report = real_report
    violations = [
        f"{f.file}: <{f.focus}> {f.path}: {f.message} [{f.source}]"
        for f in report.findings
        if f.severity == "Violation"
    ]
    assert violations == []
    assert report.conforms


def to_rdflib(term):
    """An Oxigraph term as the equal rdflib term."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string; rdflib leaves it untyped
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


@pytest.fixture(scope="module")
def graph_files(project):
    return data_files(project)


def test_rdflib_and_oxigraph_parse_every_graph_file_to_the_same_triples(graph_files):
    for path in graph_files:
        ours = {(s, p, o) for s, p, o in parse_into(Graph(), path)}
        theirs = {
            tuple(to_rdflib(t) for t in (q.subject, q.predicate, q.object))
            for q in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
        }
        assert not any(isinstance(t, BNode) for triple in ours for t in triple), f"{path.name} has blank nodes"
        assert ours == theirs, (
            f"{path.name}: only rdflib {sorted(ours - theirs)[:3]}, only Oxigraph {sorted(theirs - ours)[:3]}"
        )


def test_serialising_the_graph_twice_gives_identical_bytes(graph_files):
    graph = Graph()
    for path in graph_files:
        parse_into(graph, path)
    first = serialize_turtle(graph)
    assert len(graph) > 1000 and first == serialize_turtle(graph)
    reparsed = parse_into(Graph(), _write(first))
    assert serialize_turtle(reparsed) == first


def _write(data: bytes):
    import tempfile
    from pathlib import Path

    handle = tempfile.NamedTemporaryFile(suffix=".ttl", delete=False)
    handle.write(data)
    handle.close()
    return Path(handle.name)

"""Every dump parses with rdflib and Oxigraph and holds exactly the project's graph."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from tests.support.paths import ROOT
from tests.support.release import rdflib_graph

TRIPLE_DUMPS = {"minegraph.ttl": "turtle", "minegraph.nt": "nt", "minegraph.jsonld": "json-ld"}
QUAD_DUMPS = {"minegraph.nq": "nquads", "minegraph.trig": "trig"}
OX_FORMATS = {
    "minegraph.ttl": ox.RdfFormat.TURTLE,
    "minegraph.nt": ox.RdfFormat.N_TRIPLES,
    "minegraph.nq": ox.RdfFormat.N_QUADS,
    "minegraph.trig": ox.RdfFormat.TRIG,
    "minegraph.jsonld": ox.RdfFormat.JSON_LD,
}
SOURCE = "https://w3id.org/minegraph/graph/source/"
REFERENCE = "https://w3id.org/minegraph/graph/reference"


def _ox_to_ntriples_set(triples) -> set[str]:
    return {f"{t.subject} {t.predicate} {t.object} ." for t in triples}


def _rdflib_to_ntriples_set(graph: Graph) -> set[str]:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return {line for line in text.splitlines() if line.strip()}


@pytest.mark.parametrize("name", sorted(TRIPLE_DUMPS))
def test_triple_dump_parses_with_rdflib_and_is_the_graph(release, expected_triples, name):
    graph = Graph().parse(release.output_dir / name, format=TRIPLE_DUMPS[name])
    assert set(graph) == expected_triples


@pytest.mark.parametrize("name", sorted(QUAD_DUMPS))
def test_quad_dump_parses_with_rdflib_and_its_union_is_the_graph(release, expected_triples, name):
    dataset = Dataset()
    dataset.parse(release.output_dir / name, format=QUAD_DUMPS[name])
    union = {(s, p, o) for s, p, o, _ in dataset.quads()}
    assert union == expected_triples


@pytest.mark.parametrize("name", sorted(OX_FORMATS))
def test_every_dump_parses_with_oxigraph_and_is_the_graph(release, expected_graph, name):
    quads = list(ox.parse(path=str(release.output_dir / name), format=OX_FORMATS[name]))
    assert _ox_to_ntriples_set(q.triple for q in quads) == _rdflib_to_ntriples_set(expected_graph)


def test_dumps_hold_no_internal_or_default_graph(release):
    graphs = {
        q.graph_name for q in ox.parse(path=str(release.output_dir / "minegraph.nq"), format=ox.RdfFormat.N_QUADS)
    }
    assert all(isinstance(g, ox.NamedNode) for g in graphs)
    assert not any("urn:minegraph" in g.value for g in graphs)


@pytest.mark.parametrize("name", sorted(QUAD_DUMPS))
def test_one_named_graph_per_curated_source_plus_the_reference_data(release, name):
    dataset = Dataset()
    dataset.parse(release.output_dir / name, format=QUAD_DUMPS[name])
    slugs = sorted(p.stem for p in (ROOT / "curation" / "sources").glob("*.toml"))
    assert slugs, "the project has curated sources"
    names = {str(c) for _, _, _, c in dataset.quads() if c is not None}
    assert names == {SOURCE + slug for slug in slugs} | {REFERENCE}
    for slug in slugs:  # each source's graph is exactly that source's part of the build
        part = set(dataset.graph(URIRef(SOURCE + slug)))
        assert part == set(rdflib_graph(ROOT / "graph" / f"{slug}.ttl"))


def test_ntriples_and_nquads_lines_are_sorted(release):
    for name in ("minegraph.nt", "minegraph.nq"):
        lines = (release.output_dir / name).read_bytes().splitlines()
        assert lines == sorted(lines) and len(lines) == len(set(lines))


def test_gzipped_dumps_hold_the_plain_dumps_with_no_name_or_time(release):
    for name in OX_FORMATS:
        packed = (release.output_dir / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (release.output_dir / name).read_bytes()
        flags, mtime = packed[3], int.from_bytes(packed[4:8], "little")
        assert flags & 0x08 == 0, "no file name in the gzip header"
        assert mtime == 0


def test_manifest_counts(release, expected_triples):
    assert release.triples == len(expected_triples)
    assert release.graphs[0] == REFERENCE

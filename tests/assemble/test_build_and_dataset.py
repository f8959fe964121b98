"""The whole build: graph/ is exactly what curation/ gives, twice over, and the dataset's own
VoID/DCAT description counts what the files hold."""

from __future__ import annotations

from rdflib import Graph, URIRef

from minegraph.assemble.builder import build_graphs, stale_files
from minegraph.assemble.dataset import DATASET, DOWNLOAD_BASE
from minegraph.core import namespaces as ns  # closed rdflib namespaces warn when pytest probes module globals
from minegraph.core.rdf_io import serialize_turtle


def test_the_committed_graph_is_the_fresh_build_of_curation(project):
    assert stale_files(project) == []


def test_building_twice_gives_byte_identical_files(project):
    first, second = build_graphs(project), build_graphs(project)
    assert first.keys() == second.keys()
    assert all(serialize_turtle(first[name]) == serialize_turtle(second[name]) for name in first)


def test_the_dataset_description_counts_the_triples_of_every_other_file(project):
    description = Graph().parse(project.graph_dir / "dataset.ttl")
    total = 0
    for path in project.data_files():
        if path.name == "dataset.ttl":
            continue
        [distribution] = description.subjects(ns.DCAT.downloadURL, URIRef(DOWNLOAD_BASE + path.name))
        count = len(Graph().parse(path))
        assert description.value(distribution, ns.VOID.triples).toPython() == count, path.name
        total += count
    assert description.value(DATASET, ns.VOID.triples).toPython() == total

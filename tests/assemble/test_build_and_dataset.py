"""The whole build: graph/ is exactly what curation/ gives, twice over, and the dataset's own
VoID/DCAT description is the constant one the release extends."""

from __future__ import annotations

from rdflib import Graph

from minegraph.assemble.builder import build_graphs, stale_files
from minegraph.assemble.dataset import DATASET, describe_dataset
from minegraph.core import namespaces as ns  # closed rdflib namespaces warn when pytest probes module globals
from minegraph.core.rdf_io import serialize_turtle


def test_the_committed_graph_is_the_fresh_build_of_curation(project):
    assert stale_files(project) == []


def test_building_twice_gives_byte_identical_files(project):
    first, second = build_graphs(project), build_graphs(project)
    assert first.keys() == second.keys()
    assert all(serialize_turtle(first[name]) == serialize_turtle(second[name]) for name in first)


def test_the_dataset_description_is_one_constant_description_counting_nothing(project):
    """graph/dataset.ttl holds what is true of every release; counts, dates and dumps are the release's
    (void.ttl, which adds them to these same triples: tests/publish/export/test_void.py)."""
    description = Graph().parse(project.graph_dir / "dataset.ttl")
    assert set(description) == set(describe_dataset())
    assert description.value(DATASET, ns.DCTERMS.title) is not None
    assert not set(description.objects(None, ns.VOID.triples)) and not set(
        description.objects(None, ns.DCAT.distribution)
    )

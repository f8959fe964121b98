"""The JSON-LD dump: compact with the committed context, and PyLD expands it with the network refused."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from pyld import jsonld

from minegraph.publish.export.jsonld_context import committed_context, generate_context
from tests.support.paths import ROOT


class RemoteLoadRefused(Exception):
    pass


def refuse_every_url(url, options=None):
    """A PyLD document loader that loads nothing: any remote context is an error."""
    raise RemoteLoadRefused(url)


OPTIONS = {"documentLoader": refuse_every_url}


@pytest.fixture(scope="module")
def document(release):
    return json.loads((release.output_dir / "minegraph.jsonld").read_text(encoding="utf-8"))


def test_the_loader_really_refuses_remote_contexts():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://w3id.org/minegraph/context.jsonld", "x": 1}, OPTIONS)


def test_pyld_expands_it_offline_to_exactly_the_graph(document, expected_graph):
    expanded = jsonld.expand(document, OPTIONS)
    nquads = jsonld.to_rdf(expanded, {**OPTIONS, "format": "application/n-quads"})
    quads = ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    got = {f"{q.subject} {q.predicate} {q.object} ." for q in quads}
    want = {line for line in expected_graph.serialize(format="nt", encoding="utf-8").decode().splitlines() if line}
    assert got == want


def test_the_document_is_compact(document):
    assert document["@context"] == committed_context()["@context"]
    assert len(document) == 2 and "@graph" in document
    nodes = {node["id"]: node for node in document["@graph"]}
    latvia = nodes["state:LVA"]
    assert latvia["type"] == "mg:State"
    assert "label" in latvia  # rdfs:label by its short term
    assert [node["id"] for node in document["@graph"]] == sorted(nodes)


def test_the_committed_context_is_generated_from_the_ontology():
    ontology = list(ox.parse(path=str(ROOT / "ontology" / "minegraph.ttl"), format=ox.RdfFormat.TURTLE))
    assert generate_context(ontology) == committed_context(), "regenerate context.jsonld (docs/export.md)"


def test_the_exported_context_file_is_the_committed_one(release):
    shipped = json.loads((release.output_dir / "context.jsonld").read_text(encoding="utf-8"))
    assert shipped == committed_context()

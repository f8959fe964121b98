"""The HTML documentation of the ontology and the concept schemes, rendered offline."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from minegraph.publish.export.docs_html import _anchor, concepts_body, ontology_body, ontology_docs, render_page
from tests.support.paths import ROOT
from tests.support.release import expected_files

MG_NS = "https://w3id.org/minegraph/ontology#"


class _Collect(HTMLParser):
    """Ids and visible text of a page; fails on tags closed out of order."""

    def __init__(self):
        super().__init__()
        self.ids, self.text, self.stack = set(), [], []

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")
        if tag not in ("meta", "br", "img", "link", "input", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing open"

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: bytes) -> _Collect:
    collector = _Collect()
    collector.feed(page.decode("utf-8"))
    return collector


@pytest.fixture(scope="module")
def graph():
    graph = Graph()
    for path in expected_files():
        graph.parse(path, format="turtle")
    return graph


def test_own_ontology_page_lists_every_class_and_property_with_domain_and_range(graph):
    page = _parse(render_page(*ontology_body(graph), "9.9"))
    classes = set(graph.subjects(RDF.type, OWL.Class))
    properties = set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    for term in classes | properties:  # minegraph's own as mg-Name; aligned ones (ELI-DL) by their IRI
        expected = "mg-" + str(term).rsplit("#", 1)[1] if str(term).startswith(str(MG_NS)) else _anchor(term)
        assert expected in page.ids, term
    text = "".join(page.text)
    assert "Domain" in text and "Range" in text and "9.9" in text
    assert (
        str(
            graph.value(
                URIRef("https://w3id.org/minegraph/ontology#speaker"),
                URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
            )
        )
        in text
    )


def test_concept_page_shows_every_scheme_with_its_concepts(graph):
    page = _parse(render_page(*concepts_body(graph), "9.9"))
    text = "".join(page.text)
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) >= 10
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        assert str(concept) in text, concept
    assert "The speaker is against the decision." in text


def test_release_carries_both_pages(release):
    index = (release.output_dir / "ontology" / "index.html").read_bytes()
    concepts = (release.output_dir / "ontology" / "concepts.html").read_bytes()
    assert b"ConsentToBeBound" in index
    assert b"https://w3id.org/minegraph/id/concept/stance/oppose" in concepts
    _parse(concepts)


def test_pylode_page_when_installed_and_own_page_otherwise(graph):
    pytest.importorskip("pylode", reason="pyLODE is in the docs extra")
    with_pylode = ontology_docs(ROOT / "ontology" / "minegraph.ttl", graph, "9.9", use_pylode=True)["index.html"]
    own = ontology_docs(ROOT / "ontology" / "minegraph.ttl", graph, "9.9", use_pylode=False)["index.html"]
    assert b"pyLODE" in with_pylode and b"pyLODE" not in own
    assert b"ConsentToBeBound" in with_pylode and b"ConsentToBeBound" in own


def test_rendering_escapes_markup():
    graph = Graph().parse(
        data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/minegraph/id/concept/stance> a skos:ConceptScheme ; skos:prefLabel "<b>bold</b>" .
        <https://w3id.org/minegraph/id/concept/stance/x> skos:inScheme <https://w3id.org/minegraph/id/concept/stance> ;
            skos:prefLabel "a & b" ; skos:definition "<script>alert(1)</script>" .
    """,
        format="turtle",
    )
    page = render_page(*concepts_body(graph), "1").decode()
    assert "<script>" not in page and "&lt;script&gt;" in page and "a &amp; b" in page

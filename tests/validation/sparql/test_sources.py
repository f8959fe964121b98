"""The derived integer datatypes read back from the source files: the quick line-wise reading of
N-Triples-like files finds what a whole parse finds, and any other layout falls back to the whole parse."""

from __future__ import annotations

import pytest

from minegraph.validation.sparql.sources import source_datatypes

XSD = "http://www.w3.org/2001/XMLSchema#"

LAYOUTS = {
    "n-triples": b'<http://s> <http://p> "05"^^<%b> .\n<http://s> <http://q> "6"^^<%b> .\n'
    % ((XSD + "int").encode(), (XSD + "integer").encode()),
    "space-before-the-iri": b'<http://s> <http://p> "5"^^ <%b> .\n' % (XSD + "int").encode(),
    "prefixed-datatype": b'@prefix xsd: <%b> .\n<http://s> <http://p> "5"^^xsd:int .\n' % XSD.encode(),
    "statement-over-two-lines": b'<http://s> <http://o> <http://o> ;\n  <http://p> "5"^^<%b> .\n'
    % (XSD + "int").encode(),
    "long-literal": b'<http://s> <http://c> """a\nb""" .\n<http://s> <http://p> "5"^^<%b> .\n' % (XSD + "int").encode(),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gives_the_derived_datatype(layout, tmp_path):
    path = tmp_path / "data.ttl"
    path.write_bytes(LAYOUTS[layout])
    assert source_datatypes([path]) == {("http://s", "http://p", "5"): XSD + "int"}


def test_a_file_without_derived_integers_gives_nothing(tmp_path):
    path = tmp_path / "data.ttl"
    path.write_bytes(b'<http://s> <http://p> "5"^^<%b> .\n' % (XSD + "integer").encode())
    assert source_datatypes([path]) == {}

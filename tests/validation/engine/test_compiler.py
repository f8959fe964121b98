"""Shapes whose violation is only a FILTER (counts, hasValue, value tests on the focus node) are evaluated in
place inside sh:or / sh:not / sh:node, not as a nested EXISTS group per node, and report what they did."""

from __future__ import annotations

import pytest

from minegraph.validation.engine import compile_shapes, load_store, validate_store

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
ex:Either a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:q ; sh:hasValue ex:yes ] ) .
ex:NotBoth a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:not [ sh:path ex:p ; sh:minCount 2 ] .
ex:Named a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:node [ sh:nodeKind sh:IRI ; sh:not [ sh:in ( ex:banned ) ] ] .
ex:Mixed a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:q ; sh:maxCount 0 ] ) .
"""
DATA = """@prefix ex: <https://example.org/> .
ex:a a ex:Thing ; ex:p 1 .
ex:b a ex:Thing ; ex:q ex:yes .
ex:c a ex:Thing ; ex:q ex:no .
ex:d a ex:Thing ; ex:p 1, 2 .
ex:banned a ex:Thing ; ex:p 1 .
_:e a ex:Thing ; ex:p 1 .
"""
EX = "https://example.org/"


@pytest.fixture
def shapes(tmp_path):
    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES, encoding="utf-8")
    return path


def test_filter_only_members_are_evaluated_in_place(shapes):
    queries = {c.shape.removeprefix(EX): c.query for c in compile_shapes(shapes)}
    for name in ("Either", "NotBoth", "Named"):
        assert "EXISTS { { FILTER" not in queries[name], queries[name]  # the form before: a group holding a FILTER
    assert "NOT EXISTS { { ?this" in queries["Mixed"]  # a member with a graph pattern (maxCount 0 matches values) stays a group


def test_each_shape_reports_its_own_focus_nodes(shapes, tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    found = {(f.shape.removeprefix(EX), "_:" if f.focus.startswith("_:") else f.focus.removeprefix(EX))
             for f in validate_store(load_store([data]), shapes) if f.shape.startswith(EX)}
    assert found == {("Either", "c"), ("NotBoth", "d"), ("Named", "banned"), ("Named", "_:"), ("Mixed", "b"),
                     ("Mixed", "c")}

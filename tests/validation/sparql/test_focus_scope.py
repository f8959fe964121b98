"""A value constraint of a shape that targets the subjects of its path's predicates (sh:targetSubjectsOf) is
compiled without the join with the focus nodes (a node with a value along the path is a focus node), and
finds what the joined form finds; any other path or target keeps the join."""

from __future__ import annotations

import pytest

from minegraph.validation.sparql import compile_shapes, load, validate_store

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
ex:OwnPath a sh:NodeShape ; sh:targetSubjectsOf ex:p ;
    sh:property [ sh:path ex:p ; sh:class ex:Good ; sh:message "own path" ] .
ex:Alternatives a sh:NodeShape ; sh:targetSubjectsOf ex:p, ex:q ;
    sh:property [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:nodeKind sh:IRI ; sh:message "alternatives" ] .
ex:OtherPath a sh:NodeShape ; sh:targetSubjectsOf ex:p ;
    sh:property [ sh:path ex:q ; sh:class ex:Good ; sh:message "other path" ] .
ex:AlsoClass a sh:NodeShape ; sh:targetSubjectsOf ex:p ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:p ; sh:class ex:Good ; sh:message "also a class" ] .
"""
DATA = """@prefix ex: <https://example.org/> .
ex:yes a ex:Good .
ex:a ex:p ex:yes .
ex:b ex:p ex:no ; ex:q ex:no .
ex:c ex:q ex:no, "text" .
ex:d a ex:Thing ; ex:p "text" .
"""
EX = "https://example.org/"
NO, TEXT = f"<{EX}no>", '"text"'  # values as findings hold them (N-Triples)
FOCUS = "SELECT DISTINCT ?this WHERE"


@pytest.fixture
def shapes(tmp_path):
    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES, encoding="utf-8")
    return path


def test_only_a_path_among_the_targeted_predicates_drops_the_focus_join(shapes):
    joined = {c.message: FOCUS in c.query for c in compile_shapes(shapes)}
    assert joined == {"own path": False, "alternatives": False, "other path": True, "also a class": True}


def test_the_constraints_without_the_join_find_the_same_nodes(shapes, tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    found = {(f.message, f.focus.removeprefix(EX), f.value) for f in validate_store(load([data]), shapes)}
    assert found == {
        ("own path", "b", NO),
        ("own path", "d", TEXT),
        ("alternatives", "c", TEXT),
        ("alternatives", "d", TEXT),
        ("other path", "b", NO),  # ex:c has ex:q values but no ex:p: not a focus node
        ("also a class", "b", NO),
        ("also a class", "d", TEXT),
    }

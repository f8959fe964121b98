"""The sh:minCount constraints of a shape's focus nodes are screened together (one query asks whether any focus
node violates any of them) and run one by one only when one is violated: the findings are those of each."""

from __future__ import annotations

import pytest

from minegraph.validation.sparql import compile_shapes, load, validate_store

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
ex:Thing a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "needs p" ] ,
                [ sh:path ex:q ; sh:minCount 1 ; sh:maxCount 1 ; sh:message "one q" ] ,
                [ sh:path ex:r ; sh:minCount 2 ; sh:message "two r" ] .
"""
EX = "https://example.org/"


@pytest.fixture
def shapes(tmp_path):
    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES, encoding="utf-8")
    return path


def found(shapes, tmp_path, data: str) -> set[tuple]:
    path = tmp_path / "data.ttl"
    path.write_text("@prefix ex: <https://example.org/> .\n" + data, encoding="utf-8")
    return {
        (f.message, f.focus.removeprefix(EX), f.constraint.rsplit("#")[-1])
        for f in validate_store(load([path]), shapes)
    }


def test_only_the_min_counts_of_a_targeted_shape_are_screened(shapes):
    screened = {(c.message, c.component.rsplit("#")[-1]) for c in compile_shapes(shapes) if c.screen}
    assert screened == {
        ("needs p", "MinCountConstraintComponent"),
        ("one q", "MinCountConstraintComponent"),
        ("two r", "MinCountConstraintComponent"),
    }


def test_a_conforming_graph_has_no_findings(shapes, tmp_path):
    assert found(shapes, tmp_path, "ex:a a ex:Thing ; ex:p 1 ; ex:q 1 ; ex:r 1, 2 .") == set()


def test_each_violated_min_count_is_reported_and_no_other(shapes, tmp_path):
    data = "ex:a a ex:Thing ; ex:p 1 ; ex:q 1 ; ex:r 1, 2 .\nex:b a ex:Thing ; ex:q 1, 2 ; ex:r 1 .\n"
    assert found(shapes, tmp_path, data) == {
        ("needs p", "b", "MinCountConstraintComponent"),
        ("one q", "b", "MaxCountConstraintComponent"),
        ("two r", "b", "MinCountConstraintComponent"),
    }

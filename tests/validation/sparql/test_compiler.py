"""sh:or at the top level compiles to a join of its members' violation patterns (a node violates the or iff
it violates every member; a member of FILTER-only branches stays in FILTER EXISTS): the findings are those
of the general form, one NOT EXISTS per member."""

from __future__ import annotations

import pytest

from minegraph.validation.sparql import compile_shapes, load, validate_store
from minegraph.validation.sparql.compiler import Compiler

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
ex:Either a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:q ; sh:hasValue ex:yes ] ) .
ex:Mixed a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:q ; sh:maxCount 0 ] ) .
ex:Same a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:or ( [ sh:path ex:q ; sh:maxCount 0 ] [ sh:path ex:q ; sh:equals ex:r ] ) .
ex:Values a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:q ;
    sh:or ( [ sh:class ex:Good ] [ sh:nodeKind sh:Literal ] ) .
ex:Filters a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:nodeKind sh:BlankNode ; sh:hasValue ex:b ] ) .
ex:Never a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:p ; sh:minCount 1 ; sh:deactivated true ] ) .
"""
DATA = """@prefix ex: <https://example.org/> .
ex:yes a ex:Good .
ex:a a ex:Thing ; ex:p 1 .
ex:b a ex:Thing ; ex:q ex:yes ; ex:r ex:yes .
ex:c a ex:Thing ; ex:q ex:no .
ex:d a ex:Thing ; ex:q "text", ex:no ; ex:r "text" .
"""
EX = "https://example.org/"


@pytest.fixture
def files(tmp_path):
    shapes, data = tmp_path / "shapes.ttl", tmp_path / "data.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    data.write_text(DATA, encoding="utf-8")
    return shapes, data


def found(shapes, data) -> set[tuple]:
    return {
        (f.shape.removeprefix(EX), f.focus.removeprefix(EX), f.value and f.value.removeprefix(f"<{EX}"))
        for f in validate_store(load([data]), shapes)
        if f.shape.startswith(EX)
    }


def test_an_or_reports_the_nodes_that_fail_every_member(files):
    nodes = {
        ("Either", "c"),
        ("Either", "d"),
        ("Mixed", "b"),
        ("Mixed", "c"),
        ("Mixed", "d"),
        ("Same", "c"),
        ("Same", "d"),
        ("Filters", "b"),
        ("Filters", "c"),
        ("Filters", "d"),
    }
    # a node shape's value is the focus node itself; the property shape's, the value that fails both members
    assert found(*files) == {(s, f, f"{f}>") for s, f in nodes} | {("Values", "c", "no>"), ("Values", "d", "no>")}


def test_the_join_gives_what_the_general_form_gives(files, monkeypatch):
    joined = found(*files)
    queries = {c.shape.removeprefix(EX): c.query for c in compile_shapes(files[0])}
    assert "NOT EXISTS { {" not in queries["Either"] and "NOT EXISTS { {" not in queries["Values"]
    assert (
        "FILTER EXISTS" not in queries["Same"]
    )  # the sh:equals member's two branches bind the node: joined as a group
    assert "FILTER EXISTS { {" in queries["Filters"]  # two FILTER-only branches need the node bound: kept in EXISTS
    monkeypatch.setattr(Compiler, "top_or", lambda *args: None)
    assert "NOT EXISTS { {" in {c.shape.removeprefix(EX): c.query for c in compile_shapes(files[0])}["Either"]
    assert found(*files) == joined


@pytest.mark.parametrize(
    "term,why",
    [
        ("rule", "SHACL rules"),
        ("target", "SPARQL-based targets"),
        ("sparql", "SPARQL-based constraints"),
        ("frobnicate", "not a SHACL Core parameter"),
    ],
)
def test_shacl_beyond_core_is_refused_by_name_not_skipped(tmp_path, term, why):
    from minegraph.validation.sparql import ShapesError

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .\n"
        f"ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:{term} [ a ex:Whatever ] .\n"
    )
    with pytest.raises(ShapesError, match=f"sh:{term} on https://example.org/S is not supported: .*{why}"):
        compile_shapes(shapes)


def test_every_compiled_component_names_and_links_its_spec_section():
    """Each SHACL Core constraint component is compiled by a method whose docstring links its section."""
    from minegraph.validation.sparql.focus import FocusPatterns
    from minegraph.validation.sparql.values import ValueConditions
    from minegraph.validation.sparql.vocab import COMPONENT

    docs = " ".join(
        getattr(member, "__doc__", "") or ""
        for owner in (FocusPatterns, ValueConditions, Compiler)
        for member in vars(owner).values()
        if callable(member)
    )
    local = {
        iri.rsplit("#", 1)[-1]
        .replace("QualifiedMinCount", "QualifiedValueShape")
        .replace("QualifiedMaxCount", "QualifiedValueShape")
        for iri in COMPONENT.values()
    }
    missing = sorted(name for name in local if f"https://www.w3.org/TR/shacl/#{name}" not in docs)
    assert missing == []

"""An sh:or member that is sh:class alone is compiled as an anti-join (MINUS, the class's instances found once)
and a value is reported only when it is an instance of none of the classes, subclasses included."""

from __future__ import annotations

from minegraph.validation.sparql import compile_shapes, load, validate_store

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
ex:Mentions a sh:PropertyShape ; sh:targetSubjectsOf ex:mentions ; sh:path ex:mentions ;
    sh:or ( [ sh:class ex:Actor ] [ sh:class ex:Place ] ) .
ex:Mixed a sh:PropertyShape ; sh:targetSubjectsOf ex:mentions ; sh:path ex:mentions ;
    sh:or ( [ sh:class ex:Actor ] [ sh:nodeKind sh:Literal ] ) .
"""
DATA = """@prefix ex: <https://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:State rdfs:subClassOf ex:Actor .
ex:finland a ex:State . ex:oslo a ex:Place . ex:thing a ex:Other .
ex:a ex:mentions ex:finland, ex:oslo .
ex:b ex:mentions ex:thing, "text" .
"""
EX = "https://example.org/"


def test_a_member_of_one_class_is_a_minus(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    queries = {c.shape.removeprefix(EX): c.query for c in compile_shapes(shapes)}
    assert queries["Mentions"].count("MINUS") == 2 and "NOT EXISTS" not in queries["Mentions"]
    assert queries["Mixed"].count("MINUS") == 1


def test_only_values_of_none_of_the_classes_are_reported(tmp_path):
    shapes, data = tmp_path / "shapes.ttl", tmp_path / "data.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    data.write_text(DATA, encoding="utf-8")
    found = {
        (f.shape.removeprefix(EX), f.focus.removeprefix(EX), f.value) for f in validate_store(load([data]), shapes)
    }
    assert found == {
        ("Mentions", "b", f"<{EX}thing>"),
        ("Mentions", "b", '"text"'),
        ("Mixed", "a", f"<{EX}oslo>"),  # a place: neither an actor nor a literal
        ("Mixed", "b", f"<{EX}thing>"),
    }

"""The library keeps the shapes of queries/README.md ("Shapes that scale"), read from each query's algebra:
no required pattern after a group's `BIND`, `OPTIONAL`, `UNION` or `MINUS` (Oxigraph plans what follows as a
block of its own, from every matching triple of the graph: statements-by-decision took 8 s at 10^6 for 1081
rows with a `BIND` before its evidence pattern, 55 ms after it), and no `VALUES` joined to a sub-select from
outside it (the sub-select reads the whole graph first: who-said-what 0.82 s, 0.08 s with the `VALUES` inside).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import CompValue

from minegraph.queries.library import load_query
from tests.support.paths import ROOT

#: What closes a group's block: patterns joined after it are planned on their own.
CLOSERS = {"Extend": "BIND", "LeftJoin": "OPTIONAL", "Union": "UNION", "Minus": "MINUS"}


def _projected(node) -> set:
    while isinstance(node, CompValue):
        if node.name == "Project":
            return set(node.PV)
        node = node.get("p")
    return set()


def _values_variables(node) -> set:
    """The variables a `VALUES` block binds (none if ``node`` is not one)."""
    if isinstance(node, CompValue) and node.name == "ToMultiSet" and node.p.name == "values":
        return {variable for row in node.p.res for variable in row}
    return set()


def shapes_that_do_not_scale(text: str) -> list[str]:
    """Each place in ``text`` where a block closes before required patterns, or a `VALUES` is joined to the
    sub-select that projects its variable from outside it."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, CompValue):
            if node.name == "Join":
                first, then = node.p1, node.p2
                if then.name == "BGP" and then.triples and first.name in CLOSERS:
                    pattern = " ".join(term.n3() for term in then.triples[0])
                    found.append(f"required pattern after {CLOSERS[first.name]}: {pattern}")
                shared = _values_variables(first) & _projected(then) if then.name == "ToMultiSet" else set()
                if shared:
                    names = ", ".join(sorted(f"?{v}" for v in shared))
                    found.append(f"VALUES {names} outside the sub-select that projects it")
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(prepareQuery(text).algebra)
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_library_query_keeps_the_shapes_that_scale(path: Path):
    assert shapes_that_do_not_scale(load_query(path).text) == []


PREFIX = "PREFIX ex: <http://example.org/>\n"
FLAGGED = {
    "bind": "SELECT * { ?s ex:p ?o BIND (1 AS ?one) ?s ex:q ?q }",
    "optional": "SELECT * { ?s ex:p ?o OPTIONAL { ?s ex:r ?r } ?s ex:q ?q }",
    "union": "SELECT * { { ?s ex:p ?o } UNION { ?s ex:r ?o } ?s ex:q ?q }",
    "minus": "SELECT * { ?s ex:p ?o MINUS { ?s ex:r ?r } ?s ex:q ?q }",
    "values outside": "SELECT * { VALUES ?s { ex:a } { SELECT ?s (COUNT(?o) AS ?n) { ?s ex:p ?o } GROUP BY ?s } }",
}
KEPT = {
    "bind last": "SELECT * { ?s ex:p ?o ; ex:q ?q OPTIONAL { ?s ex:r ?r } BIND (1 AS ?one) }",
    "union branches complete": "SELECT * { { ?s ex:p ?o ; ex:q ?q } UNION { ?s ex:r ?o ; ex:q ?q } }",
    "values inside": "SELECT * { { SELECT ?s (COUNT(?o) AS ?n) { VALUES ?s { ex:a } ?s ex:p ?o } GROUP BY ?s } }",
    "values of another variable": "SELECT * { VALUES ?d { 1 } { SELECT ?s { ?s ex:p ?o } } FILTER (?d = 1) }",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_each_shape_that_does_not_scale_is_found(text: str):
    assert len(shapes_that_do_not_scale(PREFIX + text)) == 1


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_the_rewritten_shapes_pass(text: str):
    assert shapes_that_do_not_scale(PREFIX + text) == []

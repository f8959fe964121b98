"""The W3C SHACL Core test suite (the 98 tests of pySHACL 0.40.1's source distribution, fetched by
``make shacl-suite-data`` into .cache/shacl-suite/core, never committed) run through the SPARQL engine's
own entry points (the store loader and shape validation ``minegraph validate`` calls): each test's
conformance and its multiset of results (focus node, path, component, shape, value, severity) must equal
the expected report. A test whose shapes the engine refuses (by name) fails like any other."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from minegraph.validation.sparql import ShapesError, load, validate_store

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT / ".cache" / "shacl-suite" / "core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

#: Cases the engine is allowed to fail, each with the reason (none: the engine passes all 98 like pySHACL).
ALLOWED_FAILURES: dict[str, str] = {}


def parse(path: Path) -> Graph:
    """A test file as written: rdflib would otherwise rewrite lexical forms ("2011-01-01"^^xsd:dateTime)."""
    normalize, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        return Graph().parse(path, format="turtle")
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


def manifests(path: Path) -> list[Path]:
    """Every test file the manifest at ``path`` includes, recursively (files with entries)."""
    graph = parse(path)
    included = [Path(str(i).removeprefix("file://")) for i in graph.objects(None, MF.include)]
    return [path] * bool(list(graph.objects(None, MF.entries))) + [f for i in sorted(included) for f in manifests(i)]


def cases() -> list[tuple[str, Path]]:
    if not (SUITE / "manifest.ttl").is_file():
        return []
    found = []
    for path in manifests(SUITE / "manifest.ttl"):
        graph = parse(path)
        for head in graph.objects(None, MF.entries):
            found += [
                (str(entry).rsplit("/core/", 1)[-1].removesuffix(".ttl"), path) for entry in Collection(graph, head)
            ]
    return sorted(found)


CASES = cases()


def display(graph: Graph, node) -> str:
    """A result path in the notation findings print it (``<p>``, ``^<p>``, ``(<a>|<b>)``, ``<a>/<b>``, ``<p>*``)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + display(graph, inverse)
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(display(graph, p) for p in Collection(graph, alternatives)) + ")"
    for modifier, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(node, modifier)
        if inner is not None:
            return display(graph, inner) + suffix
    return "/".join(display(graph, p) for p in Collection(graph, node))


def n3(node) -> str:
    """A term as the engine reports it: N-Triples, blank nodes as ``_:``, a literal as the Oxigraph store
    keeps its value (``"4.0"^^xsd:decimal`` is ``"4"^^xsd:decimal`` there: the same value)."""
    if isinstance(node, BNode):
        return "_:"
    if isinstance(node, Literal):
        store = ox.Store()
        literal = (
            ox.Literal(str(node), language=node.language)
            if node.language
            else ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)) if node.datatype else None)
        )
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal))
        return str(next(iter(store)).object)
    return node.n3()


def expected(graph: Graph, entry) -> tuple[bool, Counter]:
    report = graph.value(entry, MF.result)
    conforms = graph.value(report, SH.conforms).toPython()
    results = Counter()
    for result in graph.objects(report, SH.result):
        path = graph.value(result, SH.resultPath)
        value = graph.value(result, SH.value)
        results[
            (
                n3(graph.value(result, SH.focusNode)),
                display(graph, path) if path is not None else None,
                str(graph.value(result, SH.sourceConstraintComponent)),
                n3(graph.value(result, SH.sourceShape)),
                n3(value) if value is not None else None,
                str(graph.value(result, SH.resultSeverity)),
            )
        ] += 1
    return conforms, results


def engine_term(text: str) -> str:
    """A term of a finding (an IRI bare, other terms in N-Triples) as :func:`n3` writes it."""
    return "_:" if text.startswith("_:") else text if text.startswith(('"', "<")) else f"<{text}>"


def actual(data: Path, shapes: Path) -> tuple[bool, Counter]:
    files = sorted({data, shapes})
    # The results of a shape nested by sh:node are details of its parent's result (sh:detail), not results.
    findings = [f for f in validate_store(load(files), shapes, sources=files) if not f.detail]
    results = Counter(
        (
            engine_term(f.focus),
            f.path,
            f.constraint,
            engine_term(f.shape),
            engine_term(f.value) if f.value is not None else None,
            f.severity if ":" in f.severity else f"{SH}{f.severity}",
        )
        for f in findings
    )
    return not findings, results  # SHACL: a report conforms iff it has no result, whatever the severity


def run_case(name: str, path: Path) -> tuple[tuple[bool, Counter], tuple[bool, Counter] | str]:
    graph = parse(path)
    entry = next(
        e
        for head in graph.objects(None, MF.entries)
        for e in Collection(graph, head)
        if str(e).endswith(f"/core/{name}.ttl") or str(e).endswith(f"/core/{name}")
    )
    action = graph.value(entry, MF.action)
    data, shapes = (Path(str(graph.value(action, p)).removeprefix("file://")) for p in (SHT.dataGraph, SHT.shapesGraph))
    try:
        return expected(graph, entry), actual(data, shapes)
    except ShapesError as exc:
        return expected(graph, entry), f"refused: {exc}"


def test_the_suite_is_there_and_whole():
    """``make test`` fetches the suite first (``make shacl-suite-data``); all 98 Core tests are found."""
    assert CASES, f"the W3C SHACL Core suite is missing under {SUITE}: run `make shacl-suite-data`"
    assert len(CASES) == 98


@pytest.mark.parametrize("name,path", CASES, ids=[name for name, _ in CASES])
def test_w3c_core_case(name, path):
    want, got = run_case(name, path)
    if name in ALLOWED_FAILURES:
        assert got != want, f"{name} passes now: remove it from ALLOWED_FAILURES"
        return
    assert got == want

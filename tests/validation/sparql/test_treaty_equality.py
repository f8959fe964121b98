"""The shipped treaty checks (SPARQL, minegraph.validation.checks) find what their independent oracle (the
Python twins, tests/validation/oracle/treaty.py) finds, on the real graph and on every hand-made fixture of
tests/support/fixtures/treaty (wrong dates, impossible sequences, acts out of order, missing rules, counts that disagree
with the reference tables)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from minegraph.core.namespaces import MG, iri
from minegraph.core.project import Project
from minegraph.core.rdf_io import load_graph
from minegraph.validation.checks import make_context, run_checks
from minegraph.validation.sparql import load

from .conftest import foundation_module

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "support" / "fixtures" / "treaty"
PROJECT = Project(ROOT)
ONTOLOGY = PROJECT.ontology_files()
CHECKS = (
    "treaty-act-sequence",
    "treaty-dates-in-order",
    "treaty-article-20",
    "treaty-article-17",
    "treaty-reference-counts",
)
twins = foundation_module("conftest").oracle()
RULE_17, RULE_20 = iri("rule", "apmbc-article-17"), iri("rule", "apmbc-article-20")


def without(*patterns):
    def change(graph: Graph) -> Graph:
        for pattern in patterns:
            graph.remove(pattern)
        return graph

    return change


CASES = {
    **{path.stem: (path.name, None) for path in sorted(FIXTURES.glob("*.ttl"))},
    "timing-rules-missing": ("valid.ttl", without((RULE_17, None, None), (RULE_20, None, None))),
    "instrument-threshold-missing": ("valid.ttl", without((RULE_17, MG.instrumentThreshold, None))),
}


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return load_graph(ONTOLOGY)


def reference(data: Graph, ontology: Graph) -> list[tuple]:
    union = Graph()
    union += ontology
    union += data
    context = twins.CheckContext(union, PROJECT, data_graph=data)
    return sorted(
        (
            p.check,
            str(p.focus) if p.focus is not None else None,
            str(p.path) if p.path is not None else "",
            p.message,
            p.severity,
        )
        for name in CHECKS
        for p in twins.all_checks()[name](context)
    )


def engine(files: list[Path]) -> list[tuple]:
    context = make_context(load(files), PROJECT.graph_dir, ontology_files=ONTOLOGY, reference_dir=PROJECT.reference_dir)
    return sorted(
        (f.source.removeprefix("check "), f.focus, f.path or "", f.message, f.severity)
        for f in run_checks(context, CHECKS)
    )


def test_real_graph_same_findings(ontology):
    assert engine(PROJECT.all_rdf_files()) == reference(load_graph(PROJECT.data_files()), ontology)


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_fixture_same_findings(case, ontology, tmp_path):
    name, change = CASES[case]
    data = load_graph([FIXTURES / name])
    if change is not None:
        data = change(data)
    path = tmp_path / "data.nt"
    path.write_bytes(data.serialize(format="nt", encoding="utf-8"))
    expected = reference(data, ontology)
    assert engine([*ONTOLOGY, path]) == expected
    assert case == "valid" or expected, "the fixture breaks nothing: the comparison would be vacuous"

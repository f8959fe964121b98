"""The shipped checks (the SPARQL of minegraph.validation.checks, as both engines run them) find what the
independent oracle (their Python twins over rdflib, tests/validation/oracle) finds: same check, focus,
property, message and severity, on the real graph and on every negative fixture of
tests/validation/test_checks.py (the list imported from there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from minegraph.core.project import Project
from minegraph.core.rdf_io import load_graph
from minegraph.validation.checks import make_context, run_checks
from minegraph.validation.sparql import load

from .conftest import foundation_module

ROOT = Path(__file__).resolve().parents[3]
cases = foundation_module("test_checks")
fixtures = foundation_module("conftest")
ONTOLOGY = Project(ROOT).ontology_files()
CHECKS = fixtures.FOUNDATION_CHECKS
ALL = {case.id: case for case in cases.CASES}


def oracle_findings(data: Graph, project: Project, names=CHECKS) -> list[tuple]:
    """What the Python twins find on ``data`` (with the ontology) in ``project``."""
    twins = fixtures.oracle()
    union = load_graph(ONTOLOGY)
    union += data
    context = twins.CheckContext(union, project, data_graph=data)
    registry = twins.all_checks()
    return sorted(
        (
            p.check,
            str(p.focus) if p.focus is not None else None,
            str(p.path) if p.path is not None else "",
            p.message,
            p.severity,
        )
        for name in names
        for p in registry[name](context)
    )


def shipped_findings(files: list[Path], project: Project, names=CHECKS) -> list[tuple]:
    """What the shipped checks find on a store of ``files`` (the ontology and the data)."""
    context = make_context(
        load(files),
        project.graph_dir,
        ontology_files=ONTOLOGY,
        data_files=project.data_files(),
        reference_dir=project.reference_dir,
    )
    return sorted(
        (f.source.removeprefix("check "), f.focus, f.path or "", f.message, f.severity)
        for f in run_checks(context, names)
    )


def test_real_graph_same_findings():
    project = Project(ROOT)
    assert shipped_findings(project.all_rdf_files(), project) == oracle_findings(
        load_graph(project.data_files()), project
    )


@pytest.mark.parametrize("case_id", ["valid-fixture", *ALL], ids=["valid-fixture", *ALL])
def test_negative_fixture_same_findings(case_id, valid_triples, fixture_project, tmp_path):
    case = ALL.get(case_id)
    remove, add, files = (case.remove, case.add, case.files) if case else ((), (), None)
    graph, project = fixtures.mutated(valid_triples, remove, add, files, fixture_project, tmp_path / "project")
    data = tmp_path / "data.nt"
    data.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    expected = oracle_findings(graph, project)  # owners reads the project's files on both sides
    assert shipped_findings([*ONTOLOGY, data], project) == expected
    assert case_id == "valid-fixture" or expected, "the fixture breaks nothing: the comparison would be vacuous"


def test_a_node_described_in_two_files_breaks_one_owner_per_node(tmp_path):
    """Both name the node and both files; a shared instant is no finding."""
    project = fixtures.make_project(
        tmp_path, data_files=(fixtures.FIXTURES / "valid.ttl", fixtures.FIXTURES / "second-owner.ttl")
    )
    expected = oracle_findings(load_graph(project.data_files()), project, ["owners"])
    assert shipped_findings(project.all_rdf_files(), project, ["owners"]) == expected
    assert expected == [
        (
            "owners",
            "https://w3id.org/minegraph/id/state/LVA",
            "",
            "<https://w3id.org/minegraph/id/state/LVA> is described in 2 files (graph/second-owner.ttl, "
            "graph/valid.ttl); one build part owns each node and the other files only point at it",
            "Violation",
        )
    ]

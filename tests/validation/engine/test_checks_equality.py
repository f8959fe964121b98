"""The checks rewritten as SPARQL (minegraph.validation.engine.checks) find what minegraph.validation.checks finds: same
check, focus, property, message and severity, on the real graph and on every negative fixture of
tests/foundation/test_checks.py (the list imported from there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from minegraph.core.project import Project
from minegraph.validation.engine import load_store
from minegraph.validation.engine.checks import run_checks
from minegraph.validation.shapes import validate

from .conftest import foundation_module

ROOT = Path(__file__).resolve().parents[3]
cases = foundation_module("test_checks")
fixtures = foundation_module("conftest")
ONTOLOGY = Project(ROOT).ontology_files()
CHECKS = fixtures.FOUNDATION_CHECKS
ALL = {case.id: case for case in cases.CASES}


def reference_key(finding) -> tuple:
    return (finding.source.removeprefix("check "), finding.focus, finding.path or "", finding.message, finding.severity)


def engine_key(finding, names) -> tuple:
    path = names.curie(URIRef(finding.path)) if finding.path else ""
    return (finding.check, finding.focus, path, finding.message, finding.severity)


@pytest.fixture(scope="session")
def valid(valid_triples) -> Graph:
    return valid_triples


def engine_run(graph: Graph, project: Project, names, scratch: Path) -> list:
    data = scratch / "data.nt"
    data.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    found = run_checks(load_store([*ONTOLOGY, data]), project.graph_dir, ontology_files=ONTOLOGY, names=CHECKS)
    return sorted(engine_key(f, names) for f in found)


def test_real_graph_same_findings(names, real_report):
    project = Project(ROOT)
    expected = sorted(reference_key(f) for f in real_report.findings if f.source.removeprefix("check ") in CHECKS)
    found = run_checks(load_store(project.all_rdf_files()), project.graph_dir, ontology_files=ONTOLOGY, names=CHECKS)
    assert sorted(engine_key(f, names) for f in found) == expected


@pytest.mark.parametrize("case_id", ["valid-fixture", *ALL], ids=["valid-fixture", *ALL])
def test_negative_fixture_same_findings(case_id, valid, fixture_project, run_mutation, names, tmp_path):
    """The reference is the report of tests/validation/test_checks.py for the same case (one run per session)."""
    case = ALL.get(case_id)
    remove, add, files = (case.remove, case.add, case.files) if case else ((), (), None)
    expected = sorted(reference_key(f) for f in run_mutation(remove, add, files=files, shacl=False, checks=CHECKS).findings)
    graph = Graph()
    graph += valid
    for pattern in remove:
        graph.remove(pattern)
    for triple in add:
        graph.add(triple)
    project = fixture_project
    if files:
        project = fixtures.make_project(tmp_path / "project", data_files=())
        for name, data in files.items():
            (project.graph_dir / "sources" / name).write_bytes(data)
    assert engine_run(graph, project, names, tmp_path) == expected
    assert case_id == "valid-fixture" or expected, "the fixture breaks nothing: the comparison would be vacuous"


def test_a_node_described_in_two_files_breaks_one_owner_per_node(names, tmp_path):
    """Both engines name the node and both files; a shared instant is no finding."""
    project = fixtures.make_project(tmp_path, data_files=(fixtures.FIXTURES / "valid.ttl",
                                                          fixtures.FIXTURES / "second-owner.ttl"))
    expected = sorted(reference_key(f) for f in validate(project, shacl=False, checks=["owners"]).findings)
    found = run_checks(load_store(project.all_rdf_files()), project.graph_dir, ontology_files=ONTOLOGY, names=["owners"])
    assert sorted(engine_key(f, names) for f in found) == expected
    assert expected == [("owners", "https://w3id.org/minegraph/id/state/LVA", "",
                         "<https://w3id.org/minegraph/id/state/LVA> is described in 2 files (graph/second-owner.ttl, "
                         "graph/valid.ttl); one build part owns each node and the other files only point at it",
                         "Violation")]

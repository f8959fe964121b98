"""The SPARQL engine's run (minegraph.validation.sparql): the shapes and the checks as one pass over the
thread pool find what the two separate passes find; which file describes a focus node is read only for
findings that have one (unless the load noted it)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from minegraph.core.namespaces import DCTERMS, MG, iri
from minegraph.core.rdf_io import parse_into, serialize_turtle
from minegraph.errors import InputError
from minegraph.store.oxigraph import OxigraphStore
from minegraph.validation.checks import check_tasks, in_run_order, known, make_context, profile, run_checks
from minegraph.validation.sparql import compile_shapes, validate_store
from minegraph.validation.sparql.engine import LOGICAL, constraint_tasks
from minegraph.validation.sparql.run import _run_all, _subject_files, load

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ASSESSMENT = iri("stance-assessment", "fixture-01-ozols-defend.LVA-withdrawal")
DECISION = iri("decision", "LVA-withdrawal")


@pytest.fixture
def broken(new_project):
    """The valid fixture without a stance (a shape finding) and with a source described nowhere (a check finding)."""
    graph = parse_into(Graph(), FIXTURES / "valid.ttl")
    graph.remove((ASSESSMENT, MG.stance, None))
    graph.add((DECISION, DCTERMS.source, URIRef(iri("source", "described-nowhere"))))
    project = new_project(data_files=())
    (project.graph_dir / "fixture.ttl").write_bytes(serialize_turtle(graph))
    return project


def test_one_pass_finds_what_the_separate_passes_find(broken):
    names = known()
    with ThreadPoolExecutor(2) as pool:
        store = load(broken.ontology_files() + broken.data_files(), pool)

        def context():
            return make_context(
                store,
                broken.graph_dir,
                ontology_files=broken.ontology_files(),
                data_files=broken.data_files(),
                reference_dir=broken.reference_dir,
            )

        one_pass = _run_all(store, broken, context(), names, True, None, pool)
        shapes = validate_store(store, broken.shapes_file, broken.store_dir / "shapes", pool=pool)
        checks = run_checks(context(), names, pool=pool)
    separate = [("shape", f) for f in shapes] + [("check", f) for f in checks]
    assert shapes and checks  # both kinds have findings, so the comparison says something
    assert one_pass == separate


def test_the_logical_constraints_are_run_first(fixture_project):
    tasks = constraint_tasks(None, fixture_project.shapes_file)
    # a task runs one constraint, or a group of sh:minCount screened together (engine.run_screened)
    constraints = [c for task in tasks for c in (task.args[1] if isinstance(task.args[1], list) else [task.args[1]])]
    components = [c.component for c in constraints]
    logical = [c in LOGICAL for c in components]
    assert any(logical) and logical == sorted(logical, reverse=True)
    assert sorted(components) == sorted(c.component for c in compile_shapes(fixture_project.shapes_file))


def test_the_profile_orders_the_run_first_checks_first_and_last_checks_apart(fixture_project):
    context = make_context(load(fixture_project.all_rdf_files()), fixture_project.graph_dir)
    tasks = check_tasks(context)
    early, late = in_run_order(tasks)
    calls = {call: name for name, call in tasks}
    first = [name for name, check in profile().items() if check.run == "first"]
    assert [calls[c] for c in early][: len(first)] == first and first
    assert {calls[c] for c in late} == {name for name, check in profile().items() if check.run == "last"}
    assert len(early) + len(late) == len(known())


def test_findings_without_a_focus_read_no_file(tmp_path, fixture_project):
    data = tmp_path / "data.ttl"
    data.write_text("<https://example.org/a> <https://example.org/p> 1 .\n", encoding="utf-8")
    loaded = OxigraphStore.memory([data])  # loaded without noting owners, then the file goes away
    data.unlink()
    assert _subject_files(fixture_project, loaded, set()) == {}
    with pytest.raises(InputError):  # with a focus node to place, the files are read
        _subject_files(fixture_project, loaded, {"https://example.org/a"})

"""The SPARQL engine (minegraph.validation.sparql) reports exactly what pySHACL reports, as ``minegraph validate``
runs it: same focus, path, constraint component, message, severity and shape, on the real graph, on the
valid fixture and on every negative fixture of the shape tests (each constraint broken once).

pySHACL's side of the mutations is slow (about a second a case): its reports are the shape tests' own,
computed once per session by ``run_mutation`` (tests/validation/conftest.py), never read from an earlier run."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from minegraph.core.project import Project
from minegraph.validation.pyshacl import Schema, validate_graph

from .conftest import foundation_module, reference_key

ROOT = Path(__file__).resolve().parents[3]
SHAPES = ROOT / "ontology" / "shapes.ttl"
mutations = foundation_module("test_shape_mutations")
ONTOLOGY = Project(ROOT).ontology_files()


def extra_cases() -> dict[str, tuple[list, list]]:
    """The other negative (and one positive) fixtures of the shape tests, as (remove, add)."""
    m, mg = mutations, mutations.MG
    return {
        "valid-fixture": ([], []),
        "coalition-unnamed-in-source": (
            [(m.COALITION, m.ORG.hasMember, None)],
            [(m.COALITION, mg.unnamedInSource, Literal(True))],
        ),
        "claim-not-archived": (
            [
                (m.Q, mg.quote, None),
                (m.Q, mg.mode, None),
                (m.Q, mg.anchor, None),
                (m.Q, mg.appearsIn, None),
                (m.A2, None, None),
            ],
            [(m.Q, mg.appearsIn, m.REPORT)],
        ),
    }


CHANGES = {**{case.id: case.change for case in mutations.CASES}, **extra_cases()}
FLAT = "ontology-without-subclass-chains"


def mutated(valid: Graph, change: tuple[list, list]) -> Graph:
    graph = Graph()
    graph += valid
    remove, add = change
    for pattern in remove:
        graph.remove(pattern)
    for triple in add:
        graph.add(triple)
    return graph


@pytest.fixture(scope="session")
def valid(valid_triples) -> Graph:
    return valid_triples


@pytest.fixture(scope="session")
def flat_ontology(schema) -> Graph:
    flat = Graph()
    flat += schema.ontology
    flat.remove((None, RDFS.subClassOf, None))
    return flat


@pytest.fixture(scope="session")
def reference(run_mutation, valid, fixture_project, schema, flat_ontology) -> dict[str, list[tuple]]:
    """pySHACL's findings for every case: the reports of the shape tests (tests/validation/conftest.py
    validates each mutation once per session), and the one run without subclass chains."""
    result = {
        case: sorted(reference_key(f) for f in run_mutation(*change, checks=[]).findings)
        for case, change in CHANGES.items()
    }
    flat = Schema(ontology=flat_ontology, shapes=schema.shapes, subject_files={})
    result[FLAT] = sorted(
        reference_key(f) for f in validate_graph(valid, fixture_project, schema=flat, checks=[]).findings
    )
    return result


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("compiled-shapes")


def test_real_graph_same_findings(engine_findings, names, cache_dir, real_report):
    from minegraph.validation.sparql import load, validate_store

    from .conftest import engine_key

    project = Project(ROOT)
    expected = sorted(reference_key(f) for f in real_report.findings if f.source.startswith("shape "))
    files = project.all_rdf_files()
    actual = sorted(engine_key(f, names) for f in validate_store(load(files), SHAPES, cache_dir, sources=files))
    assert actual == expected


@pytest.mark.parametrize("case", sorted(CHANGES), ids=sorted(CHANGES))
def test_negative_fixture_same_findings(case, reference, engine_findings, valid, cache_dir):
    actual = engine_findings(ONTOLOGY, mutated(valid, CHANGES[case]), SHAPES, cache_dir)
    assert actual == reference[case]


def test_sh_class_without_subclass_chains_same_findings(reference, engine_findings, valid, flat_ontology, cache_dir):
    data = Graph()
    data += flat_ontology
    data += valid
    assert engine_findings([], data, SHAPES, cache_dir) == reference[FLAT]


def test_every_case_breaks_something_in_both_engines(reference):
    """The equality is not vacuous: every mutation is reported (by the reference, hence by the engine)."""
    silent = [case for case in mutations.CASES if not reference[case.id]]
    assert silent == [] and len(reference) > 200

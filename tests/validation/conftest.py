"""Fixtures of the validation tests: a throw-away project around the valid fixture graph,
and a runner that validates a mutated copy of that graph."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from minegraph.core.project import Project
from minegraph.core.rdf_io import parse_into
from minegraph.validation.pyshacl import Schema, ValidationReport, validate_graph

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
ROOT = Path(__file__).resolve().parents[2]

Pattern = tuple  # (s, p, o) with None as a wildcard

#: The checks of this foundation. The treaty checks (checks/treaty.py) need the full reference
#: data and at least 40 deposits, which a small fixture cannot have; they are tested elsewhere.
FOUNDATION_CHECKS = (
    "quotes",
    "archives",
    "cues",
    "references",
    "terms",
    "identifiers",
    "date-bounds",
    "intervals",
    "assertion-dates",
    "rests-on",
    "assessed-decisions",
    "owners",
    "preferred-source",
)


def oracle():
    """The Python twins of the checks (tests/validation/oracle/), the engine-equality tests' independent oracle."""
    name = "_minegraph_validation_oracle"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, HERE / "oracle" / "__init__.py", submodule_search_locations=[str(HERE / "oracle")]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def make_project(root: Path, data_files: Iterable[Path] = (FIXTURES / "valid.ttl",)) -> Project:
    """A project directory: the real ontology/ (with shapes.ttl), the fixture sources, the given data files."""
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(FIXTURES / "sources", root / "graph" / "sources")
    for path in data_files:
        shutil.copy(path, root / "graph" / path.name)
    return Project(root)


@pytest.fixture
def new_project(tmp_path) -> Callable[..., Project]:
    """A factory of projects in this test's temporary directory (see :func:`make_project`)."""
    return lambda data_files=(FIXTURES / "valid.ttl",): make_project(tmp_path, data_files)


@pytest.fixture(scope="session")
def real_report() -> ValidationReport:
    """The reference engine (pySHACL + every Python check) on the real graph, once per session: the
    conformance test and the engine-equality tests compare with it (the shape findings do not depend on
    which checks ran, nor the check findings on the shapes)."""
    from minegraph.validation.pyshacl import validate

    return validate(Project(ROOT))


@pytest.fixture(scope="session")
def twins():
    """The oracle package with every twin imported (see :func:`oracle`)."""
    module = oracle()
    module.all_checks()
    return module


@pytest.fixture(scope="session")
def foundation_checks() -> tuple[str, ...]:
    return FOUNDATION_CHECKS


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory) -> Project:
    return make_project(tmp_path_factory.mktemp("fixture-project"))


@pytest.fixture(scope="session")
def schema(fixture_project) -> Schema:
    return Schema.load(fixture_project)


@pytest.fixture(scope="session")
def valid_triples() -> Graph:
    """The valid fixture graph, parsed once (copy it before changing it)."""
    return parse_into(Graph(), FIXTURES / "valid.ttl")


Runner = Callable[..., ValidationReport]


def mutated(valid: Graph, remove, add, files: dict[str, bytes] | None, project: Project, scratch: Path):
    """(the valid graph without ``remove`` and with ``add``, its project): ``project`` itself, or with
    ``files`` a fresh one under ``scratch`` holding them in graph/sources/."""
    graph = Graph()
    graph += valid
    for pattern in remove:
        graph.remove(pattern)
    for triple in add:
        graph.add(triple)
    if files:
        project = make_project(scratch, data_files=())
        for name, data in files.items():
            (project.graph_dir / "sources" / name).write_bytes(data)
    return graph, project


@pytest.fixture(scope="session")
def run_mutation(fixture_project, schema, valid_triples, tmp_path_factory) -> Runner:
    """Validate the valid fixture after removing ``remove`` patterns and adding ``add`` triples;
    ``files`` (name -> bytes) are written under graph/sources/ of a fresh project copy first.
    pySHACL is slow (about a second a run), so each distinct mutation is validated once per session and
    its report shared by every test that asks for it (the shape tests and the engine-equality tests);
    reports are read-only."""
    reports: dict[tuple, ValidationReport] = {}

    def run(
        remove: Iterable[Pattern] = (),
        add: Iterable[Pattern] = (),
        *,
        files: dict[str, bytes] | None = None,
        shacl: bool = True,
        checks: Iterable[str] = FOUNDATION_CHECKS,
    ) -> ValidationReport:
        remove, add, checks = tuple(map(tuple, remove)), tuple(map(tuple, add)), tuple(checks)
        key = (remove, add, tuple(sorted((files or {}).items())), shacl, checks)
        if key not in reports:
            reports[key] = validate(remove, add, files, shacl, checks)
        return reports[key]

    def validate(remove, add, files, shacl, checks) -> ValidationReport:
        graph, project = mutated(valid_triples, remove, add, files, fixture_project, tmp_path_factory.mktemp("mutated"))
        return validate_graph(graph, project, schema=schema, shacl=shacl, checks=checks)

    return run


#: Constraint parameters of SHACL Core and the constraint component each one reports.
PARAMETERS = {
    SH.minCount: "MinCount",
    SH.maxCount: "MaxCount",
    SH["class"]: "Class",
    SH.datatype: "Datatype",
    SH["in"]: "In",
    SH.pattern: "Pattern",
    SH["or"]: "Or",
    SH["not"]: "Not",
    SH["and"]: "And",
    SH.xone: "Xone",
    SH.node: "Node",
    SH.nodeKind: "NodeKind",
    SH.hasValue: "HasValue",
    SH.uniqueLang: "UniqueLang",
    SH.minInclusive: "MinInclusive",
    SH.maxInclusive: "MaxInclusive",
    SH.minExclusive: "MinExclusive",
    SH.maxExclusive: "MaxExclusive",
    SH.minLength: "MinLength",
    SH.maxLength: "MaxLength",
    SH.lessThan: "LessThan",
    SH.lessThanOrEquals: "LessThanOrEquals",
    SH.equals: "Equals",
    SH.disjoint: "Disjoint",
    SH.qualifiedMinCount: "QualifiedMinCount",
    SH.qualifiedMaxCount: "QualifiedMaxCount",
    SH.closed: "Closed",
    SH.sparql: "SPARQL",
    SH.languageIn: "LanguageIn",
}


def reported_shapes(shapes: Graph) -> set[URIRef]:
    """The shapes that produce results themselves: named node shapes and property shapes."""
    return {
        s
        for s in shapes.subjects(RDF.type, None)
        if isinstance(s, URIRef)
        and ((s, RDF.type, SH.NodeShape) in shapes or (s, RDF.type, SH.PropertyShape) in shapes)
    }


@pytest.fixture(scope="session")
def constraint_parameters() -> dict[URIRef, str]:
    return PARAMETERS


@pytest.fixture(scope="session")
def reporting_shapes(schema) -> set[URIRef]:
    return reported_shapes(schema.shapes)


@pytest.fixture(scope="session")
def shape_constraints(schema) -> set[tuple[str, str]]:
    """(shape local name, component) for every constraint of every reported shape (nested helpers excluded)."""
    shapes = schema.shapes
    return {
        (str(s).split("#")[-1], name)
        for s in reported_shapes(shapes)
        for parameter, name in PARAMETERS.items()
        if (s, parameter, None) in shapes
    }

"""Fixtures of the membership (treaty) tests in assemble, queries, report and validation: the reference
CSVs to compare with, a pyoxigraph store of the built graph with a small query runner (independent of
minegraph.queries.run), fresh builds of the membership parts, and check runs over hand-made fixture graphs."""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef

from minegraph.assemble.builder import BuildContext
from minegraph.core.project import Project
from tests.support.paths import SHARED_REFERENCE, TREATY_FIXTURES

XSD = "http://www.w3.org/2001/XMLSchema#"

#: The membership parts: output file -> builder.
PARTS = ("convention.ttl", "states.ttl", "treaty-acts.ttl", "withdrawals.ttl")


@pytest.fixture(scope="session")
def reference_dir(project) -> Path:
    """The reference CSVs to compare the graph with: ../shared/reference when present, else the vendored copy."""
    return SHARED_REFERENCE if SHARED_REFERENCE.is_dir() else project.reference_dir


@pytest.fixture(scope="session")
def reference_rows(reference_dir):
    """name -> list of CSV rows (dicts) of the three membership reference files."""
    rows = {}
    for name in ("ottawa_parties.csv", "ottawa_nonparties.csv", "ottawa_withdrawals.csv"):
        with open(reference_dir / name, newline="", encoding="utf-8") as handle:
            rows[name] = list(csv.DictReader(handle))
    return rows


def build_parts(project: Project) -> dict[str, Graph]:
    """A fresh build of the four membership parts (and the sources they cite)."""
    from minegraph.assemble.parts.source_documents import reserve_documents, source_files
    from minegraph.assemble.parts.states import build_convention, build_states, build_treaty_acts
    from minegraph.assemble.parts.withdrawals import build_withdrawals

    context = BuildContext.for_project(project)
    reserve_documents(
        context, source_files(project)
    )  # as the full build: a curated page is one node, cited by its slug
    graphs = {}
    for name, function in zip(PARTS, (build_convention, build_states, build_treaty_acts, build_withdrawals)):
        graphs[name] = function(context)
    graphs["sources.ttl"] = context.sources.graph
    return graphs


@pytest.fixture(scope="session")
def built(project) -> dict[str, Graph]:
    return build_parts(project)


@pytest.fixture(scope="session")
def pyoxigraph_store(project) -> pyoxigraph.Store:
    """The real graph (ontology + graph/*.ttl) in an in-memory Oxigraph store."""
    oxi = pyoxigraph.Store()
    for path in project.all_rdf_files():
        oxi.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return oxi


_PARAM = re.compile(r"^# param: (\w+) (\S+)", re.M)


def _python(term):
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal) and not term.language:
        return Literal(term.value, datatype=URIRef(term.datatype.value)).toPython()
    return term.value


@pytest.fixture(scope="session")
def run_query(project, pyoxigraph_store):
    """run_query(name, **params) -> (variables, rows as dicts of Python values), with Oxigraph's own SEP-0007
    substitution; the file's defaults (its ``VALUES`` blocks of parameters) are dropped first, as binding does."""
    from minegraph.querylang.text import without_defaults

    def run(name: str, **params: str):
        text = (project.queries_dir / f"{name}.rq").read_text(encoding="utf-8")
        declared = dict(_PARAM.findall(text))
        assert set(params) == set(declared), f"{name}: parameters {sorted(declared)} expected"
        substitutions = {
            pyoxigraph.Variable(key): pyoxigraph.Literal(
                value, datatype=pyoxigraph.NamedNode(declared[key].replace("xsd:", XSD))
            )
            for key, value in params.items()
        }
        result = pyoxigraph_store.query(without_defaults(text, set(params)), substitutions=substitutions)
        variables = [v.value for v in result.variables]
        return variables, [{v: _python(row[v]) for v in variables} for row in result]

    return run


@pytest.fixture
def run_check(project, tmp_path):
    """run_check(check name, fixture file name) -> the findings the shipped check reports on ontology + fixture
    (focus and property as rdflib IRIs)."""
    from minegraph.validation.checks import make_context, run_checks
    from minegraph.validation.sparql import load

    def run(name: str, fixture: str | None = None, graph: Graph | None = None, project_=None):
        path = TREATY_FIXTURES / fixture if graph is None else tmp_path / f"data-{len(list(tmp_path.iterdir()))}.nt"
        if graph is not None:
            path.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
        context = make_context(
            load([*project.ontology_files(), path]),
            project.graph_dir,
            ontology_files=project.ontology_files(),
            reference_dir=(project_ or project).reference_dir,
        )
        return [
            dataclasses.replace(f, focus=URIRef(f.focus) if f.focus else None, path=URIRef(f.path) if f.path else None)
            for f in run_checks(context, [name])
        ]

    return run


@pytest.fixture
def scratch_project(tmp_path, project):
    """A copy of the project's curation/ and queries/ in a temporary directory, to break inputs in."""
    shutil.copytree(project.curation_dir, tmp_path / "curation")
    shutil.copytree(project.ontology_dir, tmp_path / "ontology")
    return Project(tmp_path)

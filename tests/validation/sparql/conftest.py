"""Both engines on one graph: pySHACL as ``minegraph validate`` runs it (the reference) and the SPARQL
engine of minegraph.validation.sparql on an Oxigraph store loaded from the same triples. The negative fixtures
are the mutations of tests/foundation/test_shape_mutations.py, imported from there (one list, one truth)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from minegraph.validation.sparql import load, validate_store

HERE = Path(__file__).resolve().parent
FOUNDATION = HERE.parent  # tests/validation: the shape and check tests of the pySHACL engine


def foundation_module(name: str):
    """A module of tests/foundation by file (the test folders are not packages)."""
    key = f"_validation.engine_foundation_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, FOUNDATION / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def reference_key(finding) -> tuple:
    """A pySHACL finding of minegraph.validate as (focus, path, component, message, severity, shape)."""
    focus = finding.focus if finding.focus and finding.focus.startswith(("http:", "https:", "urn:")) else "_:"
    return (focus, finding.path or "", finding.component, finding.message, finding.severity, finding.source)


def engine_key(finding, names) -> tuple:
    """The same tuple for a finding of the SPARQL engine (IRIs shortened as minegraph.validate does)."""
    focus = finding.focus if finding.focus.startswith(("http:", "https:", "urn:")) else "_:"
    path = re.sub(r"<([^>]*)>", lambda m: names.curie(URIRef(m.group(1))), finding.path) if finding.path else ""
    shape = f"shape {names.curie(URIRef(finding.shape))}" if finding.shape.startswith("http") else "shape (anonymous)"
    return (focus, path, finding.constraint.rsplit("#", 1)[-1], finding.message, finding.severity, shape)


@pytest.fixture(scope="session")
def names():
    from minegraph.validation.pyshacl import _Describer

    return _Describer(Graph(), {})


@pytest.fixture(scope="session")
def engine_findings(names, tmp_path_factory):
    """Run the SPARQL engine on ontology files + an rdflib graph (written as N-Triples, the files the
    engine reads source datatypes from); returns the comparison tuples, sorted."""
    counter = iter(range(10**6))

    def run(ontology_files, data: Graph, shapes: Path, cache_dir: Path | None = None) -> list[tuple]:
        path = tmp_path_factory.mktemp("engine") / f"data-{next(counter)}.nt"
        path.write_bytes(data.serialize(format="nt", encoding="utf-8"))
        files = [*ontology_files, path]
        findings = validate_store(load(files), shapes, cache_dir, sources=files)
        return sorted(engine_key(f, names) for f in findings)

    return run

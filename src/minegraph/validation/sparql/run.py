"""Validation where the data is: the shapes compiled to SPARQL (:mod:`minegraph.validation.sparql`) and the
checks as SPARQL, over one Oxigraph store, into the same :class:`ValidationReport` as the pySHACL engine.

rdflib stays off this path until there is something to report (labels and prefixed names of findings),
so that a conforming run is one store load and a few hundred small queries.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from minegraph.errors import InputError
from minegraph.store.oxigraph import OxigraphStore
from minegraph.validation.checks import check_tasks, in_run_order, known, make_context, profile, sort_key
from minegraph.validation.checks.context import FILES_STORE, files_store
from minegraph.validation.findings import Finding, ValidationReport

from .engine import Result, constraint_tasks
from .shapes import ShapesError
from .sources import DERIVED, source_datatypes, written_datatypes


def workers() -> int:
    """Threads for loading and querying: the cores this process may use, at most four."""
    try:
        return max(1, min(4, len(os.sched_getaffinity(0))))
    except AttributeError:  # not Linux
        return max(1, min(4, os.cpu_count() or 1))


def load(paths: Iterable[Path], pool: Executor | None = None):
    """The pyoxigraph store of ``paths``, loaded through the store's front door (``OxigraphStore.memory``:
    InputError with file, line and column on bad input)."""
    return OxigraphStore.memory(paths, pool=pool).native


def validate_sparql(project, *, checks: Iterable[str] | None = None, shacl: bool = True) -> ValidationReport:
    """Validate ``ontology/`` + ``graph/*.ttl`` with the SPARQL engine (see module docstring); the files
    load and the queries run on a few threads (Oxigraph works without holding the GIL)."""
    with ThreadPoolExecutor(workers(), thread_name_prefix="validate") as pool:
        return _validate(project, checks, shacl, pool)


def _validate(project, checks: Iterable[str] | None, shacl: bool, pool: Executor) -> ValidationReport:
    selected = known() if checks is None else list(checks)
    unknown = [c for c in selected if c not in known()]
    if unknown:
        raise InputError(project.root, f"unknown check(s) {', '.join(unknown)}; known: {', '.join(known())}")
    data_files = project.data_files()
    over_files = any(profile()[n].over == "files" for n in selected)
    loaded, datatypes, shared = _load(project, data_files, shacl, over_files, pool)
    store = loaded.native
    context = make_context(
        store,
        project.graph_dir,
        ontology_files=project.ontology_files(),
        data_files=data_files,
        reference_dir=project.reference_dir,
        shared=shared,
    )
    raw = _run_all(store, project, context, selected, shacl, datatypes, pool)
    findings = _describe(store, project, loaded, raw) if raw else []
    triples = len(store)  # the default graph only: nothing is loaded into a named graph
    return ValidationReport(
        findings=findings,
        triples=triples,
        files=[_relative(project, p) for p in data_files],
        shacl=shacl,
        checks=selected,
    )


def _load(project, data_files: list[Path], shacl: bool, over_files: bool, pool: Executor):
    """(the store, the derived integer types the data files wrote, the values the checks share): one load
    through the store's front door; the pool loads the files without the GIL while this thread notes which
    file describes each subject and the integer types the store folds, when a check asks for the owners
    (otherwise the types are read in a side thread, from the files that name one)."""
    with ThreadPoolExecutor(1, thread_name_prefix="validate-read") as side:
        datatypes = side.submit(source_datatypes, data_files) if shacl and not over_files else None
        loaded = OxigraphStore.memory(
            project.ontology_files() + data_files,
            pool=pool,
            owners=over_files,
            datatypes=DERIVED if shacl and over_files else (),
        )
        if shacl and over_files:
            data = set(data_files)
            datatypes = written_datatypes(quad for path, quad in loaded.ownership.written if path in data)
        else:
            datatypes = datatypes.result() if datatypes else None
    shared = {FILES_STORE: files_store(data_files, loaded.ownership)} if over_files else {}
    return loaded, datatypes, shared


def _run_all(store, project, context, names: list[str], shacl: bool, datatypes, pool: Executor) -> list:
    """("shape" | "check", finding) of every constraint and check, run as one pass over ``pool`` (no worker
    waits for the shapes to finish before the checks start): the profile's first checks, then the shapes
    (their slowest first), then the checks that reuse what others computed. Each kind sorted as it was."""

    early, late = in_run_order(check_tasks(context, names))
    shapes = _shape_tasks(store, project, datatypes) if shacl else []
    check_runs = [pool.submit(task) for task in early]
    shape_runs = [pool.submit(task) for task in shapes]
    check_runs += [pool.submit(task) for task in late]
    try:
        raw = [("shape", f) for f in sorted((f for run in shape_runs for f in run.result()), key=Result.sort_key)]
        return raw + [("check", f) for f in sorted((f for run in check_runs for f in run.result()), key=sort_key)]
    except BaseException:  # the first failure is the answer: what has not started yet is not run
        for run in [*shape_runs, *check_runs]:
            run.cancel()
        raise


def _shape_tasks(store, project, datatypes) -> list:
    """One call per compiled constraint of the project's shapes; shapes the engine refuses (SHACL beyond Core,
    named in the message) are an InputError on the shapes file, never skipped."""
    try:
        return constraint_tasks(store, project.shapes_file, project.store_dir / "shapes", datatypes=datatypes)
    except ShapesError as exc:
        raise InputError(project.shapes_file, str(exc).removeprefix(f"{project.shapes_file}: ")) from None


def _describe(store, project, loaded: OxigraphStore, raw) -> list[Finding]:
    """Findings with labels, files and prefixed names (only now is rdflib's prefix table loaded)."""
    # lazy: rdflib (~170 ms), only when there are findings to describe
    from rdflib import Graph, URIRef
    from rdflib.namespace import NamespaceManager

    from minegraph.core.namespaces import bind_prefixes

    names = NamespaceManager(bind_prefixes(Graph()), bind_namespaces="none")
    names.bind("mgsh", "https://w3id.org/minegraph/shapes#")

    def compact(iri: str) -> str:
        return names.normalizeUri(URIRef(iri))

    files = _subject_files(project, loaded, {f.focus for _, f in raw if f.focus})
    out = []
    for kind, f in raw:
        described = {
            "label": _label(store, f.focus),
            "file": files.get(f.focus),
            "path": _curie(compact, f.path) if f.path else None,
        }
        if kind == "check":  # already a finding: labelled, placed and its property shortened here
            out.append(dataclasses.replace(f, **described))
            continue
        out.append(
            Finding(
                severity=f.severity,
                message=f.message,
                source=f"shape {_curie(compact, f.shape)}",
                focus=f.focus,
                value=f.value,
                component=f.constraint.rsplit("#", 1)[-1],
                **described,
            )
        )
    return sorted(out, key=Finding.sort_key)


def _curie(compact, iri: str) -> str:
    """Prefixed names for the IRIs of an IRI or of a SHACL path in SPARQL notation (``^<…>``, ``(<a>|<b>)``)."""
    if not iri.startswith(("(", "^", "<")):
        return compact(iri)
    return re.sub(r"<([^<>\s]+)>", lambda m: compact(m.group(1)), iri)


def _label(store, focus: str | None) -> str | None:
    if not focus or not focus.startswith(("http", "urn")):
        return None
    labels = [
        q.object
        for q in store.quads_for_pattern(
            ox.NamedNode(focus), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None
        )
    ]
    english = [label for label in labels if isinstance(label, ox.Literal) and label.language == "en"]
    chosen = (english or labels or [None])[0]
    return chosen.value if chosen is not None else None


def _subject_files(project, loaded: OxigraphStore, focuses: set[str]) -> dict[str, str]:
    """The file describing each focus node (the one that types it, else the first that has it as subject),
    from what the load noted (read now if it did not; with no focus nodes nothing is read)."""
    if not focuses:
        return {}
    data = project.data_files()
    described = {focus: loaded.ownership.describing(focus, data) for focus in focuses}
    return {focus: _relative(project, path) for focus, path in described.items() if path is not None}


def _relative(project, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)

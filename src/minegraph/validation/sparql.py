"""Validation where the data is: the shapes compiled to SPARQL (:mod:`minegraph.validation.engine`) and the
checks as SPARQL, over one Oxigraph store, into the same :class:`ValidationReport` as the pySHACL engine.

rdflib stays off this path until there is something to report (labels and prefixed names of findings),
so that a conforming run is one store load and a few hundred small queries.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

from minegraph.errors import InputError
from minegraph.validation.report import Finding, ValidationReport

REFERENCE_CHECK = "treaty-reference-counts"


def workers() -> int:
    """Threads for loading and querying: the cores this process may use, at most four."""
    try:
        return max(1, min(4, len(os.sched_getaffinity(0))))
    except AttributeError:  # not Linux
        return max(1, min(4, os.cpu_count() or 1))


def load(paths: Iterable[Path], pool: Executor | None = None):
    """One in-memory store of the files (loaded side by side with ``pool``); InputError with file, line and
    column on bad Turtle (the first bad file in ``paths`` order)."""
    import pyoxigraph as ox

    store = ox.Store()

    def load_one(path: Path) -> None:
        fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
        try:
            store.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        except SyntaxError as exc:
            message = str(exc).split(": ", 1)[-1] if str(exc).startswith("Parser error") else str(exc)
            raise InputError(path, message, line=exc.lineno, column=exc.offset) from None
        except OSError as exc:
            raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None

    for _ in (pool.map if pool else map)(load_one, map(Path, paths)):
        pass
    return store


def validate_sparql(project, *, checks: Iterable[str] | None = None, shacl: bool = True) -> ValidationReport:
    """Validate ``ontology/`` + ``graph/*.ttl`` with the SPARQL engine (see module docstring); the files
    load and the queries run on a few threads (Oxigraph works without holding the GIL)."""
    with ThreadPoolExecutor(workers(), thread_name_prefix="validate") as pool:
        return _validate(project, checks, shacl, pool)


def _validate(project, checks: Iterable[str] | None, shacl: bool, pool: Executor) -> ValidationReport:
    from minegraph.validation.engine.checks import known as known_checks
    from minegraph.validation.engine.checks.owners import DESCRIBED, described_by_file
    from minegraph.validation.engine.sources import source_datatypes

    known = sorted([*known_checks(), REFERENCE_CHECK])
    selected = known if checks is None else list(checks)
    unknown = [c for c in selected if c not in known]
    if unknown:
        raise InputError(project.root, f"unknown check(s) {', '.join(unknown)}; known: {', '.join(known)}")
    names = [c for c in selected if c != REFERENCE_CHECK]
    data_files = project.data_files()
    # The store loads on one core and without the GIL: the files' own reads (which hold it) run meanwhile.
    with ThreadPoolExecutor(1, thread_name_prefix="validate-read") as side:
        datatypes = side.submit(source_datatypes, data_files) if shacl else None
        described = side.submit(described_by_file, project.graph_dir) if "owners" in names else None
        store = load(project.ontology_files() + data_files, pool)
        datatypes, shared = (datatypes.result() if datatypes else None), ({DESCRIBED: described.result()} if described else {})
    raw = _run_all(store, project, names, REFERENCE_CHECK in selected, shacl, datatypes, shared, pool)
    findings = _describe(store, project, data_files, raw) if raw else []
    triples = len(store)  # the default graph only: nothing is loaded into a named graph
    return ValidationReport(findings=findings, triples=triples, files=[_relative(project, p) for p in data_files],
                            shacl=shacl, checks=selected)


def _run_all(store, project, names: list[str], references: bool, shacl: bool, datatypes, shared, pool: Executor) -> list:
    """("shape" | "check", finding) of every constraint and check, run as one pass over ``pool`` (no worker
    waits for the shapes to finish before the checks start): the long checks first, then the shapes (their
    slowest first), then the checks that reuse what others computed. Each kind sorted as it was."""
    from minegraph.validation.engine import Finding as ShapeFinding
    from minegraph.validation.engine.checks import CheckFinding, check_tasks, in_run_order
    from minegraph.validation.engine.engine import constraint_tasks

    early, late = in_run_order(check_tasks(store, project.graph_dir, ontology_files=project.ontology_files(),
                                           names=names, shared=shared))
    shapes = constraint_tasks(store, project.shapes_file, project.store_dir / "shapes", datatypes=datatypes) if shacl else []
    check_runs = [pool.submit(task) for task in early]
    shape_runs = [pool.submit(task) for task in shapes]
    check_runs += [pool.submit(task) for task in late]
    counts = pool.submit(reference_counts, store, project) if references else None
    try:
        raw = [("shape", f) for f in sorted((f for run in shape_runs for f in run.result()), key=ShapeFinding.sort_key)]
        raw += [("check", f) for f in sorted((f for run in check_runs for f in run.result()), key=CheckFinding.sort_key)]
        return raw + [("check", f) for f in (counts.result() if counts else [])]
    except BaseException:  # the first failure is the answer: what has not started yet is not run
        for run in [*shape_runs, *check_runs, *([counts] if counts else [])]:
            run.cancel()
        raise


def reference_counts(store, project) -> list:
    """States ever consented, signatories and the universe agree with curation/reference (a check)."""
    import pyoxigraph as ox

    from minegraph.assemble.reference.tables import read_parties, universe
    from minegraph import queries
    from minegraph.validation.engine.checks import CheckFinding

    try:
        parties, states = read_parties(project.reference_dir), universe(project.reference_dir)
    except InputError as exc:
        return [CheckFinding(REFERENCE_CHECK, f"The reference data cannot be read, so the counts are not checked: {exc}",
                             severity="Warning")]
    text = (Path(queries.__file__).parent / "internal" / "reference-count-codes.rq").read_text(encoding="utf-8")
    mg = "https://w3id.org/minegraph/ontology#"

    def codes(cls: str) -> set[str]:
        rows = store.query(text, substitutions={ox.Variable("actClass"): ox.NamedNode(mg + cls)})
        return {(r["code"].value if r["code"] is not None else r["state"].value.rsplit("/", 1)[-1]) for r in rows}

    expected = (("states ever consented to be bound (ottawa_parties.csv rows)", {p.iso3 for p in parties},
                 codes("ConsentToBeBound")),
                ("signatories (ottawa_parties.csv rows with a signature date)", {p.iso3 for p in parties if p.signed},
                 codes("Signature")),
                ("states of the reference universe", set(states), codes("State")))
    found = []
    for what, want, have in expected:
        if want != have:
            missing, extra = sorted(want - have), sorted(have - want)
            detail = "; ".join(p for p in (f"missing {', '.join(missing)}" if missing else "",
                                           f"not in the reference {', '.join(extra)}" if extra else "") if p)
            found.append(CheckFinding(REFERENCE_CHECK, f"The reference has {len(want)} {what}, the graph {len(have)} ({detail})"))
    return found


def _describe(store, project, data_files, raw) -> list[Finding]:
    """Findings with labels, files and prefixed names (only now is rdflib's prefix table loaded)."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import NamespaceManager

    from minegraph.core.namespaces import bind_prefixes

    names = NamespaceManager(bind_prefixes(Graph()), bind_namespaces="none")
    names.bind("mgsh", "https://w3id.org/minegraph/shapes#")

    def compact(iri: str) -> str:
        return names.normalizeUri(URIRef(iri))

    files = _subject_files(project, data_files, {f.focus for _, f in raw if f.focus})
    out = []
    for kind, f in raw:
        source = f"shape {_curie(compact, f.shape)}" if kind == "shape" else f"check {f.check}"
        out.append(Finding(severity=f.severity, message=f.message, source=source, focus=f.focus,
                           label=_label(store, f.focus), file=files.get(f.focus),
                           path=_curie(compact, f.path) if f.path else None,
                           value=getattr(f, "value", None),
                           component=f.constraint.rsplit("#", 1)[-1] if kind == "shape" else None))
    return sorted(out, key=Finding.sort_key)


def _curie(compact, iri: str) -> str:
    """Prefixed names for the IRIs of an IRI or of a SHACL path in SPARQL notation (``^<…>``, ``(<a>|<b>)``)."""
    if not iri.startswith(("(", "^", "<")):
        return compact(iri)
    return re.sub(r"<([^<>\s]+)>", lambda m: compact(m.group(1)), iri)


def _label(store, focus: str | None) -> str | None:
    import pyoxigraph as ox

    if not focus or not focus.startswith(("http", "urn")):
        return None
    labels = [q.object for q in store.quads_for_pattern(
        ox.NamedNode(focus), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None)]
    english = [l for l in labels if isinstance(l, ox.Literal) and l.language == "en"]
    chosen = (english or labels or [None])[0]
    return chosen.value if chosen is not None else None


def _subject_files(project, data_files, focuses: set[str]) -> dict[str, str]:
    """The file describing each focus node (the one that types it, else the first that has it as subject);
    with no focus nodes (findings such as a check's warning about missing reference data) nothing is parsed."""
    import pyoxigraph as ox

    if not focuses:
        return {}
    files: dict[str, str] = {}
    typed: set[str] = set()
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    for path in data_files:
        name = _relative(project, path)
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            subject = getattr(triple.subject, "value", None)
            if subject in focuses and (subject not in files or (subject not in typed and triple.predicate.value == rdf_type)):
                files[subject] = name
                if triple.predicate.value == rdf_type:
                    typed.add(subject)
    return files


def _relative(project, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)

"""The reference engine: pySHACL with ``ontology/shapes.ttl`` over one in-memory rdflib graph holding the
ontology, the concept schemes and the data (pySHACL is fastest there, and ``sh:class`` / ``sh:targetClass``
then follow the ontology's ``rdfs:subClassOf`` without OWL inference), then the checks SHACL cannot express
(:mod:`minegraph.validation.checks`, the same definitions the SPARQL engine runs) over an Oxigraph copy of
that graph. The result is a
:class:`ValidationReport`: one :class:`Finding` per problem, with the file its subject is
described in, its label, the property and a message. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager
from rdflib.term import Node

from minegraph.core.namespaces import bind_prefixes
from minegraph.core.project import Project
from minegraph.core.rdf_io import parse_into
from minegraph.errors import InputError
from minegraph.store.oxigraph import OxigraphStore
from minegraph.validation import checks as registry
from minegraph.validation.findings import SEVERITIES, Finding, ValidationReport  # noqa: F401 (also their old home)

#: Namespace of the shapes in ``ontology/shapes.ttl``.
MGSH = Namespace("https://w3id.org/minegraph/shapes#")


@dataclass
class Schema:
    """The ontology (with the concept schemes) and the shapes, loaded once and reusable."""

    ontology: Graph
    shapes: Graph
    subject_files: dict[Node, str]

    @classmethod
    def load(cls, project: Project) -> "Schema":
        ontology, files = load_files(project, project.ontology_files())
        if not project.shapes_file.is_file():
            raise InputError(project.shapes_file, "shapes file not found")
        shapes = parse_into(Graph(), project.shapes_file)
        return cls(ontology=ontology, shapes=shapes, subject_files=files)


def load_files(project: Project, paths: Iterable[Path], problems: list | None = None) -> tuple[Graph, dict[Node, str]]:
    """Parse files one by one into one graph; also map each subject to the file describing it
    (the file that types it, else the first file that mentions it as a subject). Literals that do
    not fit their datatype are appended to ``problems`` (see :func:`minegraph.core.rdf_io.parse_into`)."""
    graph = bind_prefixes(Graph())
    files: dict[Node, str] = {}
    typed: set[Node] = set()
    for path in paths:
        part = parse_into(Graph(), path, problems)
        name = _relative(project, path)
        for subject in set(part.subjects()):
            if subject not in files or (subject not in typed and (subject, RDF.type, None) in part):
                files[subject] = name
        typed.update(part.subjects(RDF.type))
        graph += part
    return graph, files


def _relative(project: Project, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def validate(project: Project, *, checks: Iterable[str] | None = None, shacl: bool = True) -> ValidationReport:
    """Validate ``ontology/`` + ``graph/*.ttl`` of a project. Raises :class:`InputError` on unreadable input."""
    selected = select_checks(checks)
    schema = Schema.load(project)
    data_files = project.data_files()
    problems: list = []
    data, files = load_files(project, data_files, problems)
    report = validate_graph(
        data,
        project,
        checks=list(selected),
        shacl=shacl,
        schema=schema,
        subject_files=files,
        file_names=[_relative(project, p) for p in data_files],
    )
    report.findings = sorted([*report.findings, *(_parse_finding(project, p) for p in problems)], key=Finding.sort_key)
    return report


def _parse_finding(project: Project, problem) -> Finding:
    """A literal rdflib could not read (``"2025-02-30"^^xsd:date``) as a finding naming its file, line and column."""
    where = f"line {problem.line}, column {problem.column}: " if problem.line else ""
    return Finding(
        severity="Violation",
        message=where + problem.message(),
        source="parse",
        file=_relative(project, Path(problem.path)),
    )


def validate_graph(
    graph: Graph,
    project: Project,
    *,
    checks: Iterable[str] | None = None,
    shacl: bool = True,
    schema: Schema | None = None,
    subject_files: dict[Node, str] | None = None,
    file_names: list[str] | None = None,
) -> ValidationReport:
    """Validate an in-memory data graph (without the ontology) against the project's schema;
    archived texts are read from ``project.graph_dir``."""
    selected = select_checks(checks)
    schema = schema or Schema.load(project)
    union = bind_prefixes(Graph())
    union += schema.ontology
    union += graph
    describe = _Describer(union, {**schema.subject_files, **(subject_files or {})})
    findings: list[Finding] = []
    if shacl:
        findings.extend(run_shacl(union, schema.shapes, describe))
    if selected:
        context = registry.make_context(
            OxigraphStore.from_graph(union).native,
            project.graph_dir,
            ontology_files=project.ontology_files(),
            data_files=project.data_files(),
            reference_dir=project.reference_dir,
        )
        findings.extend(describe.check(f) for f in registry.run_checks(context, selected))
    findings.sort(key=Finding.sort_key)
    return ValidationReport(
        findings=findings,
        triples=len(union),
        files=file_names or [],
        shacl=shacl,
        checks=list(selected),
    )


def select_checks(names: Iterable[str] | None) -> list[str]:
    """The checks to run: all of them, or the named ones (unknown names are an error)."""
    known = registry.known()
    if names is None:
        return known
    names = list(names)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError(None, f"unknown check(s) {', '.join(unknown)}; known checks: {', '.join(known)}")
    return names


def shacl_report(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """pySHACL as the reference engine calls it: (conforms, report graph); no inference, since the ontology is
    already in ``graph``, and every result of every severity."""
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        allow_warnings=True,
        allow_infos=True,
        abort_on_first=False,
    )
    return conforms, results


def run_shacl(graph: Graph, shapes: Graph, describe: "_Describer") -> list[Finding]:
    """pySHACL over ``graph`` (no inference: the ontology is already in the graph)."""
    try:
        _, results = shacl_report(graph, shapes)
    except ReportableRuntimeError as exc:
        raise InputError("ontology/shapes.ttl", f"the shapes cannot be run: {exc}") from None
    return [describe.result(results, result) for result in results.subjects(RDF.type, SH.ValidationResult)]


class _Describer:
    """Turns SHACL results and check problems into findings: labels, files, CURIEs."""

    def __init__(self, graph: Graph, subject_files: dict[Node, str]):
        self.graph = graph
        self.subject_files = subject_files
        self.names = NamespaceManager(bind_prefixes(Graph()), bind_namespaces="none")
        self.names.bind("mgsh", MGSH)

    def result(self, results: Graph, result: Node) -> Finding:
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        component = results.value(result, SH.sourceConstraintComponent)
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        return self._finding(
            severity=self.local_name(results.value(result, SH.resultSeverity)) or "Violation",
            message=_message(results, result),
            source=f"shape {self.curie(shape)}" if isinstance(shape, URIRef) else "shape (anonymous)",
            focus=focus,
            path=self.path(results, path) if path is not None else None,
            value=self.term(value) if value is not None else None,
            component=self.local_name(component),
        )

    def check(self, found: Finding) -> Finding:
        """A check's finding labelled, placed in its file and its property shortened."""
        focus = URIRef(found.focus) if found.focus and not found.focus.startswith("_:") else None
        return Finding(
            severity=found.severity,
            message=found.message,
            source=found.source,
            focus=found.focus,
            label=self.label(focus) if focus is not None else None,
            file=self.subject_files.get(focus) if focus is not None else None,
            path=self.curie(URIRef(found.path)) if found.path else None,
        )

    def _finding(self, *, focus: Node | None, **fields) -> Finding:
        return Finding(
            focus=str(focus) if focus is not None else None,
            label=self.label(focus) if focus is not None else None,
            file=self.subject_files.get(focus) if focus is not None else None,
            **fields,
        )

    def label(self, node: Node) -> str | None:
        labels = [*self.graph.objects(node, RDFS.label), *self.graph.objects(node, SKOS.prefLabel)]
        english = [label for label in labels if isinstance(label, Literal) and label.language == "en"]
        chosen = (english or labels or [None])[0]
        return str(chosen) if chosen is not None else None

    def curie(self, node: Node) -> str:
        return self.names.normalizeUri(node) if isinstance(node, URIRef) else str(node)

    def term(self, node: Node) -> str:
        return node.n3(self.names)

    def local_name(self, node: Node | None) -> str | None:
        if node is None:
            return None
        return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def path(self, results: Graph, path: Node) -> str:
        """A SHACL property path in SPARQL notation: ``mg:speaker``, ``^mg:anchor``, ``(a|b)``, ``a/b``."""
        if isinstance(path, URIRef):
            return self.curie(path)
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + self.path(results, inverse)
        alternatives = results.value(path, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(results, p) for p in Collection(results, alternatives)) + ")"
        for modifier, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
            inner = results.value(path, modifier)
            if inner is not None:
                return self.path(results, inner) + suffix
        if isinstance(path, BNode) and (path, RDF.first, None) in results:
            return "/".join(self.path(results, p) for p in Collection(results, path))
        return str(path)


def _message(results: Graph, result: Node) -> str:
    messages = list(results.objects(result, SH.resultMessage))
    english = [m for m in messages if isinstance(m, Literal) and m.language in ("en", None)]
    chosen = (english or messages or ["(no message)"])[0]
    return str(chosen)

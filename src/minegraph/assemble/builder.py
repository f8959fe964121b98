"""Build graph/*.ttl from curation/: the one way data enters the graph.

Each *part* is a function ``(BuildContext) -> rdflib.Graph`` that turns one kind of
curated input into RDF, registered in :mod:`minegraph.assemble.registry` with the file it writes; the sources every part cites are collected by the context's
:class:`~minegraph.assemble.source_registry.SourceRegistry` and written to ``graph/sources.ttl``, and the
VoID/DCAT description of all of them to ``graph/dataset.ttl``.
Output is deterministic (sorted Turtle, no blank nodes) and written atomically, so
building twice gives byte-identical files and ``git diff graph/`` is reviewable.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rdflib import RDF, BNode, Graph

from minegraph.assemble.dataset import describe_dataset
from minegraph.assemble.registry import all_parts
from minegraph.assemble.source_registry import SourceRegistry
from minegraph.core.files import replaced_directory
from minegraph.core.project import Project
from minegraph.core.rdf_io import serialize_turtle
from minegraph.errors import MinegraphError


@dataclass
class BuildContext:
    """What every part needs: the project's paths and the shared source registry."""

    project: Project
    sources: SourceRegistry = field(default_factory=SourceRegistry)
    references: dict = field(default_factory=dict)  # IRI -> (record, text) of its first kind:slug reference

    @classmethod
    def for_project(cls, project: Project) -> "BuildContext":
        return cls(project=project, sources=SourceRegistry.from_reference(project.reference_dir))


Progress = Callable[[str], None]


def build_graphs(project: Project, progress: Progress | None = None) -> dict[str, Graph]:
    """Every part's graph plus ``sources.ttl``, keyed by output file name (nothing written)."""
    context = BuildContext.for_project(project)
    graphs: dict[str, Graph] = {}
    # lazy: ~30 ms of imports, only on this path
    from minegraph.assemble.parts.source_documents import build_source, reserve_documents, source_files

    reserve_documents(context, source_files(project))
    parts = [(p.output, p.function) for p in all_parts()]
    parts += [(f"{path.stem}.ttl", partial(build_source, path=path)) for path in source_files(project)]
    for name, function in parts:
        if progress:
            progress(f"building {name}")
        graph = function(context)
        _refuse_blank_nodes(name, graph)
        graphs[name] = graph
    graphs["sources.ttl"] = context.sources.graph
    _refuse_dangling(context.references, graphs)
    graphs["dataset.ttl"] = describe_dataset(graphs)
    return graphs


def _refuse_dangling(references: dict, graphs: dict[str, Graph]) -> None:
    """A ``kind:slug`` reference that no part describes (gives a type) is a curation error at its line."""
    described = {s for graph in graphs.values() for s in graph.subjects(RDF.type, None)}
    for node, (record, text) in sorted(references.items()):
        if node not in described:
            raise record.error(f"{text} is described nowhere in curation/ (no record has this id)")


def _refuse_blank_nodes(name: str, graph: Graph) -> None:
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            raise MinegraphError(f"{name}: blank node in built graph ({triple}); give every node an IRI")


def build(project: Project, progress: Progress | None = None) -> list[Path]:
    """Rebuild graph/*.ttl; return the files whose bytes changed.

    The new graph/ is written into a staging copy (archived texts hard-linked, not copied) and
    swapped in whole, under a lock: a second build is refused, and a build killed at any point
    leaves the old graph/ intact (the next build removes what it left behind)."""
    graphs = build_graphs(project, progress)
    target = project.graph_dir
    written = {name: serialize_turtle(graph) for name, graph in graphs.items()}
    changed = [
        target / name
        for name, data in written.items()
        if not (target / name).is_file() or (target / name).read_bytes() != data
    ]
    stale = [p for p in target.glob("*.ttl") if p.name not in written]
    if not changed and not stale:
        return []
    with replaced_directory(target, "build", keep=("sources",)) as staging:
        for name, data in sorted(written.items()):
            (staging / name).write_bytes(data)
        for other in sorted(target.iterdir()):  # anything else graph/ holds (a README, …) stays
            if other.name != "sources" and not other.name.endswith(".ttl") and not other.name.startswith("."):
                (shutil.copytree if other.is_dir() else shutil.copy2)(other, staging / other.name)
    return changed + stale


def stale_files(project: Project) -> list[str]:
    """Names of graph/*.ttl files that differ from a fresh build (empty when up to date)."""
    stale = []
    for name, graph in build_graphs(project).items():
        path = project.graph_dir / name
        if not path.exists() or path.read_bytes() != serialize_turtle(graph):
            stale.append(name)
    return stale

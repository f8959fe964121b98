"""What the release is made of: the project's RDF files, split into named graphs.

The whole graph is the ontology and the concept schemes (``ontology/*.ttl`` without the SHACL
shapes, which describe checks, not data) plus every ``graph/*.ttl``. Each curated source document
(``curation/sources/<slug>.toml``, built into ``graph/<slug>.ttl``) gets a named graph of its own;
everything else goes into one graph for the reference data. Quads are kept sorted so every
serialisation made from them is byte-for-byte reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from minegraph.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

#: Named graphs of the release live under this IRI (not under ``id/``: a graph is not an entity).
GRAPH_BASE = "https://w3id.org/minegraph/graph/"
REFERENCE_GRAPH = ox.NamedNode(GRAPH_BASE + "reference")
SHAPES_FILE = "shapes.ttl"


def source_graph(slug: str) -> ox.NamedNode:
    """The named graph of one curated source document."""
    return ox.NamedNode(f"{GRAPH_BASE}source/{slug}")


@dataclass(frozen=True)
class Part:
    """One input file and the named graph its triples go into."""

    path: Path
    graph: ox.NamedNode


@dataclass(frozen=True)
class Release:
    """The quads of the release, sorted by graph, subject, predicate, object."""

    parts: tuple[Part, ...]
    quads: tuple[ox.Quad, ...]

    def triples(self) -> list[ox.Triple]:
        """The union of every graph, each triple once, sorted."""
        unique = {quad.triple for quad in self.quads}
        return sorted(unique, key=triple_key)

    @cached_property
    def rdflib_graph(self) -> "Graph":
        """The union graph in rdflib, handed over as N-Triples (exact for every term); made once, read by
        the JSON-LD dump and the ontology pages (read-only: never change it)."""
        from rdflib import Graph  # lazy: rdflib (~170 ms), only for the JSON-LD dump and the ontology pages

        graph = Graph()
        graph.parse(data=ox.serialize(self.triples(), format=ox.RdfFormat.N_TRIPLES), format="nt")
        return graph

    def graphs(self) -> list[ox.NamedNode]:
        """The named graphs, sorted by IRI."""
        return sorted({part.graph for part in self.parts}, key=lambda node: node.value)


def term_key(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    """A stable sort key: the N-Triples form of a term."""
    return str(term)


def triple_key(triple: ox.Triple) -> tuple[str, str, str]:
    return (term_key(triple.subject), term_key(triple.predicate), term_key(triple.object))


def quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (term_key(quad.graph_name), *triple_key(quad.triple))


def curated_source_slugs(project_dir: Path) -> set[str]:
    """Slugs of the curated source documents: ``curation/sources/<slug>.toml``."""
    return {path.stem for path in (Path(project_dir) / "curation" / "sources").glob("*.toml")}


def release_parts(project_dir: Path) -> list[Part]:
    """Every input file with its named graph, in file-name order."""
    project_dir = Path(project_dir)
    ontology = sorted(p for p in (project_dir / "ontology").glob("*.ttl") if p.name != SHAPES_FILE)
    data = sorted((project_dir / "graph").glob("*.ttl"))
    if not ontology:
        raise InputError(project_dir / "ontology", "no ontology/*.ttl found: is this a minegraph project?")
    if not data:
        raise InputError(project_dir / "graph", "no graph/*.ttl found: run `minegraph build` first")
    slugs = curated_source_slugs(project_dir)
    parts = [Part(path, REFERENCE_GRAPH) for path in ontology]
    parts += [Part(path, source_graph(path.stem) if path.stem in slugs else REFERENCE_GRAPH) for path in data]
    return parts


def read_part(part: Part) -> list[ox.Quad]:
    """The triples of one Turtle file as quads in its graph; a syntax error names file, line, column."""
    try:
        data = part.path.read_bytes()
    except OSError as exc:
        raise InputError(part.path, f"cannot read file: {exc.strerror or exc}") from None
    try:
        triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise InputError(part.path, str(exc), line=exc.lineno, column=exc.offset) from None
    quads = []
    for triple in triples:
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            # Blank-node labels change from parse to parse: the dumps could not be reproducible.
            raise InputError(part.path, f"blank node in {triple}: the release needs IRIs for every node")
        quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, part.graph))
    return quads


def load_release(project_dir: Path) -> Release:
    """Read every part of the release (see the module docstring)."""
    parts = release_parts(project_dir)
    quads: set[ox.Quad] = set()
    for part in parts:
        quads.update(read_part(part))
    return Release(tuple(parts), tuple(sorted(quads, key=quad_key)))

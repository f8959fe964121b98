"""The shapes graph, read with pyoxigraph into a small in-memory index (subject → predicate → objects)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from .vocab import RDF_FIRST, RDF_NIL, RDF_REST, RDF_TYPE, RDFS_CLASS, SH


class ShapesError(ValueError):
    """The shapes file cannot be read or uses SHACL this compiler does not support (names file and shape)."""


Term = ox.NamedNode | ox.BlankNode | ox.Literal


class ShapesGraph:
    """Triples of the shapes file, indexed for the compiler's look-ups (objects sorted for determinism)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        index: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        # Parsed, not stored: a store would rewrite "1"^^xsd:boolean as true and switch a flag on that SHACL
        # leaves off; constants of the queries are written as the data store keeps them (components.term).
        try:
            for triple in ox.parse(
                path=str(self.path), format=ox.RdfFormat.TURTLE, base_iri=self.path.resolve().as_uri()
            ):
                if triple.object not in index[triple.subject][triple.predicate.value]:
                    index[triple.subject][triple.predicate.value].append(triple.object)
        except (SyntaxError, OSError) as exc:
            raise ShapesError(f"{self.path}: cannot read the shapes: {exc}") from None
        self.index = {s: {p: sorted(o, key=str) for p, o in ps.items()} for s, ps in index.items()}

    def objects(self, node: Term, predicate: str) -> list[Term]:
        return self.index.get(node, {}).get(predicate, [])

    def value(self, node: Term, predicate: str) -> Term | None:
        found = self.objects(node, predicate)
        return found[0] if found else None

    def sh(self, node: Term, name: str) -> list[Term]:
        return self.objects(node, SH + name)

    def has(self, node: Term, predicate: str, obj: Term) -> bool:
        return obj in self.objects(node, predicate)

    def subjects(self) -> list[Term]:
        return sorted(self.index, key=str)

    def items(self, head: Term) -> list[Term]:
        """The members of an RDF list, in order."""
        members, node, seen = [], head, set()
        while not (isinstance(node, ox.NamedNode) and node.value == RDF_NIL):
            if node in seen or self.value(node, RDF_FIRST) is None:
                raise ShapesError(f"{self.path}: {node} is not a well-formed RDF list")
            seen.add(node)
            members.append(self.value(node, RDF_FIRST))
            node = self.value(node, RDF_REST)
        return members

    def is_class(self, node: Term) -> bool:
        return self.has(node, RDF_TYPE, ox.NamedNode(RDFS_CLASS))

    def name(self, node: Term) -> str:
        """How errors name a shape: its IRI, or the blank node it is."""
        return node.value if isinstance(node, ox.NamedNode) else str(node)

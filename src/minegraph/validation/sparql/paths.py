"""SHACL property paths as SPARQL property paths, and in the notation findings show them."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .shapes import ShapesError, ShapesGraph, Term
from .vocab import RDF_FIRST, SH

_MODIFIERS = (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?"))


@dataclass(frozen=True)
class Path:
    """A compiled path: ``sparql`` for the query, ``display`` as minegraph prints a result path, and
    ``steps``: the predicates whose last triple gives a value (for a predicate or alternative of predicates)."""

    sparql: str
    display: str
    steps: tuple[str, ...] | None


def compile_path(graph: ShapesGraph, node: Term) -> Path:
    """The SPARQL form of the SHACL path at ``node`` (predicate, inverse, alternative, sequence, * + ?):
    SHACL 2.3.1, https://www.w3.org/TR/shacl/#property-paths (a well-formed path node is exactly one kind;
    an RDF list is read as a sequence path first, as pySHACL does)."""
    if isinstance(node, ox.NamedNode):
        return Path(str(node), str(node), (node.value,))
    if isinstance(node, ox.Literal):
        raise ShapesError(f"{graph.path}: a literal is not a SHACL path: {node}")
    if graph.value(node, RDF_FIRST) is not None:  # a list is a sequence path, whatever else the node says
        parts = [compile_path(graph, p) for p in graph.items(node)]
        return Path("(" + "/".join(p.sparql for p in parts) + ")", "/".join(p.display for p in parts), None)
    inverse = graph.value(node, SH + "inversePath")
    if inverse is not None:
        inner = compile_path(graph, inverse)
        return Path(f"^({inner.sparql})", "^" + inner.display, None)
    alternatives = graph.value(node, SH + "alternativePath")
    if alternatives is not None:
        parts = [compile_path(graph, p) for p in graph.items(alternatives)]
        steps = [s for p in parts for s in (p.steps or ())] if all(p.steps for p in parts) else None
        return Path(
            "(" + "|".join(p.sparql for p in parts) + ")",
            "(" + "|".join(p.display for p in parts) + ")",
            tuple(steps) if steps else None,
        )
    for name, suffix in _MODIFIERS:
        inner_node = graph.value(node, SH + name)
        if inner_node is not None:
            inner = compile_path(graph, inner_node)
            return Path(f"({inner.sparql}){suffix}", inner.display + suffix, None)
    raise ShapesError(f"{graph.path}: {node} is not a SHACL path this compiler knows")

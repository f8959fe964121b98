"""The RDF dumps of a release, written by Oxigraph from sorted triples and quads.

Turtle and TriG declare only the prefixes the data uses (minegraph's, in name order);
N-Triples and N-Quads are sorted line by line, so a diff of two releases is a diff of facts.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from minegraph.core.namespaces import PREFIXES

from .inputs import Release, triple_key


def used_prefixes(terms: Iterable[str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """The prefixes (minegraph's, plus ``extra``) whose namespace starts one of the IRIs, by name."""
    iris = set(terms)
    used = {}
    for prefix, namespace in sorted({**PREFIXES, **(extra or {})}.items()):
        if any(iri.startswith(namespace) for iri in iris):
            used[prefix] = namespace
    return used


def _iris(triples: Iterable[ox.Triple]) -> set[str]:
    found = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
            elif isinstance(term, ox.Literal):
                found.add(term.datatype.value)
    return found


def turtle(release: Release) -> bytes:
    """The union graph as Turtle, subjects and predicates in sorted order."""
    return turtle_of(release.triples())


def turtle_of(triples: Iterable[ox.Triple], extra_prefixes: dict[str, str] | None = None) -> bytes:
    """Any triples as Turtle, sorted, declaring only the prefixes used."""
    ordered = sorted(set(triples), key=triple_key)
    prefixes = used_prefixes(_iris(ordered), extra_prefixes)
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def trig(release: Release) -> bytes:
    """Every named graph as TriG, graphs and their triples sorted."""
    prefixes = used_prefixes(_iris(q.triple for q in release.quads))
    return ox.serialize(release.quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.split(b"\n") if line)
    return b"".join(line + b"\n" for line in lines)


def ntriples(release: Release) -> bytes:
    """The union graph as N-Triples, one triple a line, lines sorted (bytewise)."""
    return _sorted_lines(ox.serialize(release.triples(), format=ox.RdfFormat.N_TRIPLES))


def nquads(release: Release) -> bytes:
    """Every quad as N-Quads, lines sorted (bytewise)."""
    return _sorted_lines(ox.serialize(release.quads, format=ox.RdfFormat.N_QUADS))

"""The datatypes the Oxigraph store forgets: it keeps every derived integer type (xsd:nonNegativeInteger,
xsd:positiveInteger, …) as xsd:integer. Reading them back from the source files lets sh:datatype tell them apart."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .vocab import INTEGER_RANGES, XSD_INTEGER

#: (subject IRI, predicate IRI, integer value as the store writes it) → datatype IRI of the source file.
SourceDatatypes = dict[tuple[str, str, str], str]

_DERIVED = {dt for dt in INTEGER_RANGES if dt != XSD_INTEGER}
_MARKERS = [dt.rsplit("#", 1)[-1].encode() for dt in _DERIVED]


def _formats(path: Path) -> ox.RdfFormat:
    return {".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}.get(
        path.suffix, ox.RdfFormat.TURTLE)


def source_datatypes(paths: Iterable[Path]) -> SourceDatatypes:
    """Every literal of a derived integer type in ``paths`` (files without one are not parsed)."""
    found: SourceDatatypes = {}
    for path in map(Path, paths):
        data = path.read_bytes()
        if not any(marker in data for marker in _MARKERS):
            continue
        for quad in ox.parse(data, format=_formats(path), base_iri=path.resolve().as_uri()):
            value = quad.object
            if isinstance(value, ox.Literal) and value.datatype.value in _DERIVED and isinstance(quad.subject, ox.NamedNode):
                found[(quad.subject.value, quad.predicate.value, canonical(value.value))] = value.datatype.value
    return found


def canonical(lexical: str) -> str:
    """An integer's lexical form as the store keeps it ("007" → "7")."""
    try:
        return str(int(lexical.strip()))
    except ValueError:
        return lexical

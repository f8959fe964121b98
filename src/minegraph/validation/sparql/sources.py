"""The datatypes the Oxigraph store forgets: it keeps every derived integer type (xsd:nonNegativeInteger,
xsd:positiveInteger, …) as xsd:integer. Reading them back from the source files lets sh:datatype tell them apart."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .vocab import INTEGER_RANGES, XSD_INTEGER

#: (subject IRI, predicate IRI, integer value as the store writes it) → datatype IRI of the source file.
SourceDatatypes = dict[tuple[str, str, str], str]

_DERIVED = {dt for dt in INTEGER_RANGES if dt != XSD_INTEGER}
_MARKERS = [dt.rsplit("#", 1)[-1].encode() for dt in _DERIVED]
#: A derived integer type written as a full IRI; a datatype written as a prefixed name.
_DERIVED_IRI = re.compile(b"\\^\\^\\s*<(?:" + b"|".join(re.escape(dt.encode()) for dt in sorted(_DERIVED)) + b")>")
_PREFIXED_DATATYPE = re.compile(rb"\^\^\s*[^<\s]")


def _formats(path: Path) -> ox.RdfFormat:
    return {".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}.get(
        path.suffix, ox.RdfFormat.TURTLE
    )


#: The datatypes to note while the files are read (``OxigraphStore.memory(..., datatypes=DERIVED)``).
DERIVED = frozenset(_DERIVED)


def source_datatypes(paths: Iterable[Path]) -> SourceDatatypes:
    """Every literal of a derived integer type in ``paths`` (files without one are not parsed)."""
    found: SourceDatatypes = {}
    for path in map(Path, paths):
        data = path.read_bytes()
        if any(marker in data for marker in _MARKERS):
            found.update(written_datatypes(_quads_with_markers(path, data)))
    return found


def written_datatypes(quads) -> SourceDatatypes:
    """The derived integer literals among ``quads`` (of subject IRIs), keyed as the store writes them."""
    return {
        (quad.subject.value, quad.predicate.value, canonical(quad.object.value)): quad.object.datatype.value
        for quad in quads
        if isinstance(quad.object, ox.Literal)
        and quad.object.datatype.value in _DERIVED
        and isinstance(quad.subject, ox.NamedNode)
    }


def _quads_with_markers(path: Path, data: bytes):
    """The quads of ``data`` that may hold a derived integer. When every datatype is written as a full IRI
    and no literal spans lines (N-Triples, as the synthetic graphs are), only the lines naming a derived
    type are parsed; a file where that reading fails (a statement over several lines) is parsed whole."""
    base = path.resolve().as_uri()
    if not _PREFIXED_DATATYPE.search(data) and b'"""' not in data and b"'''" not in data:
        lines, seen = [], set()
        for match in _DERIVED_IRI.finditer(data):
            begin = data.rfind(b"\n", 0, match.start()) + 1
            if begin not in seen:
                seen.add(begin)
                finish = data.find(b"\n", match.end())
                lines.append(data[begin : finish if finish >= 0 else len(data)])
        try:
            return list(ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES, base_iri=base))
        except SyntaxError:
            pass
    return ox.parse(data, format=_formats(path), base_iri=base)


def canonical(lexical: str) -> str:
    """An integer's lexical form as the store keeps it ("007" → "7")."""
    try:
        return str(int(lexical.strip()))
    except ValueError:
        return lexical

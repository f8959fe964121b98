"""Reading and writing RDF files: precise parse errors and deterministic Turtle.

Turtle is checked with Oxigraph's parser first (fast, and it reports line and column),
then loaded into the requested rdflib graph. Output is sorted Turtle with minegraph's
prefixes (written atomically by :mod:`minegraph.core.files`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from minegraph.errors import InputError
from minegraph.core.namespaces import bind_prefixes

_FORMATS = {
    ".ttl": (pyoxigraph.RdfFormat.TURTLE, "turtle"),
    ".nt": (pyoxigraph.RdfFormat.N_TRIPLES, "nt"),
    ".trig": (pyoxigraph.RdfFormat.TRIG, "trig"),
    ".nq": (pyoxigraph.RdfFormat.N_QUADS, "nquads"),
}


def rdf_format(path: Path) -> tuple[pyoxigraph.RdfFormat, str]:
    """The (Oxigraph, rdflib) format of a file, from its suffix."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise InputError(path, f"unsupported RDF file type {path.suffix!r}; expected one of {', '.join(_FORMATS)}")


def check_syntax(path: Path, data: bytes | None = None) -> None:
    """Raise :class:`InputError` with file, line and column if the file is not valid RDF."""
    ox_format, _ = rdf_format(path)
    if data is None:
        data = read_bytes(path)
    try:
        for _ in pyoxigraph.parse(data, format=ox_format):
            pass
    except SyntaxError as exc:
        raise InputError(path, _clean_message(str(exc)), line=exc.lineno, column=exc.offset) from None


def _clean_message(message: str) -> str:
    # Oxigraph prefixes its message with the span; the location is reported separately.
    if message.startswith("Parser error between") and ": " in message:
        return message.split(": ", 1)[1]
    return message


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None


def parse_into(graph: Graph, path: Path) -> Graph:
    """Parse one RDF file into an rdflib graph, with precise errors on bad input."""
    path = Path(path)
    data = read_bytes(path)
    check_syntax(path, data)
    _, rdflib_format = rdf_format(path)
    graph.parse(data=data, format=rdflib_format, publicID=path.resolve().as_uri())
    return graph


def load_graph(paths: Iterable[Path]) -> Graph:
    """One rdflib graph holding every triple of the given files."""
    graph = bind_prefixes(Graph())
    for path in paths:
        parse_into(graph, path)
    return graph


def serialize_turtle(graph: Graph) -> bytes:
    """Deterministic Turtle: minegraph prefixes, subjects and predicates sorted, UTF-8."""
    out = Graph()
    bind_prefixes(out)
    for triple in graph:
        out.add(triple)
    text = out.serialize(format="turtle", encoding="utf-8")
    return text

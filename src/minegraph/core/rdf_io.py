"""Reading and writing RDF files: precise parse errors and deterministic Turtle.

Turtle is checked with Oxigraph's parser first (fast, and it reports line and column),
then loaded into the requested rdflib graph. Output is sorted Turtle with minegraph's
prefixes (written atomically by :mod:`minegraph.core.files`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph

from minegraph.core.formats import formats
from minegraph.errors import InputError, position, shown

if TYPE_CHECKING:  # rdflib is loaded by the functions that build rdflib graphs: Oxigraph loads run without it
    from rdflib import Graph

#: The files minegraph loads, by suffix: the registry's RDF formats that rdflib reads too.
_FORMATS = {
    f.suffix: (getattr(pyoxigraph.RdfFormat, f.oxigraph), f.extra["rdflib"])
    for f in formats("rdf-dump")
    if "rdflib" in f.extra
}


def rdf_format(path: Path) -> tuple[pyoxigraph.RdfFormat, str]:
    """The (Oxigraph, rdflib) format of a file, from its suffix."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise InputError(
            path, f"unsupported RDF file type {path.suffix!r}; expected one of {', '.join(_FORMATS)}"
        ) from None


def check_syntax(path: Path, data: bytes | None = None) -> None:
    """Raise :class:`InputError` with file, line and column if the file is not valid RDF."""
    ox_format, _ = rdf_format(path)
    if data is None:
        data = read_bytes(path)
    try:
        for _ in pyoxigraph.parse(data, format=ox_format):
            pass
    except SyntaxError as exc:
        raise syntax_error(path, exc) from None


def syntax_error(path: Path, exc: SyntaxError) -> InputError:
    """The one reading of a parser's SyntaxError: an InputError naming the file, line and column."""
    return InputError(path, _clean_message(str(exc)), line=exc.lineno, column=exc.offset)


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


@dataclass(frozen=True)
class LiteralProblem:
    """A literal whose lexical form does not fit its datatype (``"2025-02-30"^^xsd:date``), where it is."""

    path: str
    lexical: str
    datatype: str
    reason: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return InputError(self.path, self.message(), self.line, self.column).args[0]

    def message(self) -> str:
        return f"{shown(self.lexical)} is not a valid <{self.datatype}> ({self.reason})"


class _LiteralWarnings(logging.Filter):
    """On rdflib's term logger: its "Failed to convert Literal" records (a traceback each, for every
    ``"2025-02-30"^^xsd:date`` it meets, in a parse or a query result) go to the innermost active
    collector, never to the terminal; the invalid values are reported by ``validate`` instead."""

    collectors: list[list[logging.LogRecord]] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Failed to convert Literal"):
            return True
        if self.collectors:
            self.collectors[-1].append(record)
        return False


_TERM_LOGGER = logging.getLogger("rdflib.term")
if not any(isinstance(f, _LiteralWarnings) for f in _TERM_LOGGER.filters):
    _TERM_LOGGER.addFilter(_LiteralWarnings())


@contextmanager
def _rdflib_warnings():
    """The literal-conversion records rdflib logs inside the block."""
    records: list[logging.LogRecord] = []
    _LiteralWarnings.collectors.append(records)
    try:
        yield records
    finally:
        _LiteralWarnings.collectors.remove(records)


def _literal_problems(path: Path, data: bytes, records) -> list[LiteralProblem]:
    """The literals rdflib could not convert, each located at its first ``"lexical"^^`` in the file."""
    problems = []
    for record in records:
        # rdflib names neither in its message; its converter's frame (the traceback's first) holds both
        trace = record.exc_info[2] if record.exc_info else None
        names = trace.tb_frame.f_locals if trace is not None else {}
        lexical, datatype = str(names.get("lexical", "?")), str(names.get("datatype", "?"))
        reason = str(record.exc_info[1]) if record.exc_info and record.exc_info[1] else record.getMessage()
        line = column = None
        found = re.search(re.escape(f'"{lexical}"').encode("utf-8") + rb"\s*\^\^", data)
        if found:
            line, column = position(data, found.start())
        problems.append(LiteralProblem(str(path), lexical, datatype, reason, line, column))
    return problems


def parse_into(graph: Graph, path: Path, problems: list | None = None) -> Graph:
    """Parse one RDF file into an rdflib graph, with precise errors on bad input. Literals that do not
    fit their datatype are kept as rdflib keeps them; they are appended to ``problems`` (file, line,
    column) when a list is given, and never printed."""
    path = Path(path)
    data = read_bytes(path)
    check_syntax(path, data)
    _, rdflib_format = rdf_format(path)
    with _rdflib_warnings() as records:
        graph.parse(data=data, format=rdflib_format, publicID=path.resolve().as_uri())
    if problems is not None:
        problems.extend(_literal_problems(path, data, records))
    return graph


def load_graph(paths: Iterable[Path], problems: list | None = None) -> Graph:
    """One rdflib graph holding every triple of the given files (see :func:`parse_into` for ``problems``)."""
    # lazy: rdflib (~170 ms), only on this path
    from rdflib import Graph

    from minegraph.core.namespaces import bind_prefixes

    graph = bind_prefixes(Graph())
    for path in paths:
        parse_into(graph, path, problems)
    return graph


def serialize_turtle(graph: Graph) -> bytes:
    """Deterministic Turtle: minegraph prefixes, subjects and predicates sorted, UTF-8."""
    # lazy: rdflib (~170 ms), only on this path
    from rdflib import Graph

    from minegraph.core.namespaces import bind_prefixes

    out = Graph()
    bind_prefixes(out)
    for triple in graph:
        out.add(triple)
    text = out.serialize(format="turtle", encoding="utf-8")
    return text

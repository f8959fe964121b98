"""Answers written row by row as they arrive: SPARQL 1.1 CSV and TSV, and JSON lines.

The one home of CSV, TSV and JSON cell formatting (:mod:`minegraph.queries.writers` renders
whole results through these writers too). Cells are written from wire values
(:mod:`minegraph.store.rows`), so no rdflib term is built for a streamed row. JSON lines: one object per row, each bound variable's term in
the SPARQL 1.1 JSON results form (triples as ``subject``/``predicate``/``object``; ASK as
``{"boolean": …}``). To a file the answer goes to a temporary sibling renamed at the end
(:func:`minegraph.core.files.atomic_stream`); to standard output it is flushed batch by batch.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import TextIO

from minegraph.core.files import atomic_stream
from minegraph.querylang.terms import ntriples_string
from minegraph.store.rows import RowStream

STREAM_FORMATS = ("csv", "tsv", "jsonl")
_TRIPLE = ("subject", "predicate", "object")


def csv_cell(value) -> str:
    """A CSV cell of a wire value: the lexical form (blank nodes as ``_:id``), empty when unbound."""
    if type(value) is str or value is None:
        return value or ""
    return "_:" + value[1] if len(value) == 2 else value[0]


def tsv_cell(value) -> str:
    """A TSV cell of a wire value: the term in N-Triples syntax, empty when unbound."""
    if type(value) is str:
        return "<" + value + ">"
    if value is None:
        return ""
    if len(value) == 2:
        return "_:" + value[1]
    text, language, datatype = value
    body = '"' + ntriples_string(text) + '"'
    return body + "@" + language if language else body + "^^<" + datatype + ">" if datatype else body


def json_cell(value) -> dict:
    """A bound wire value in the SPARQL 1.1 JSON results form."""
    if type(value) is str:
        return {"type": "uri", "value": value}
    if len(value) == 2:
        return {"type": "bnode", "value": value[1]}
    text, language, datatype = value
    cell = {"type": "literal", "value": text}
    if language:
        cell["xml:lang"] = language
    elif datatype:
        cell["datatype"] = datatype
    return cell


def _csv(stream: RowStream, out: TextIO, flush: bool) -> None:
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(stream.variables)
    for batch in stream.wire_batches():
        writer.writerows([csv_cell(t) for t in row] for row in batch)
        if flush:
            out.flush()


def _tsv(stream: RowStream, out: TextIO, flush: bool) -> None:
    out.write("\t".join(f"?{n}" for n in stream.variables) + "\n")
    for batch in stream.wire_batches():
        out.write("".join("\t".join(tsv_cell(t) for t in row) + "\n" for row in batch))
        if flush:
            out.flush()


def _jsonl(stream: RowStream, out: TextIO, flush: bool) -> None:
    names = _TRIPLE if stream.is_graph else stream.variables
    for batch in stream.wire_batches():
        out.write(
            "".join(
                json.dumps({n: json_cell(v) for n, v in zip(names, row) if v is not None}, ensure_ascii=False) + "\n"
                for row in batch
            )
        )
        if flush:
            out.flush()


_WRITERS = {"csv": _csv, "tsv": _tsv, "jsonl": _jsonl}


def write_stream(stream: RowStream, fmt: str, out: TextIO, *, flush: bool = False) -> int:
    """Write ``stream`` to ``out`` in ``fmt`` as its rows arrive (``flush`` after each batch); the number
    of rows written. The caller checks that ``fmt`` fits the query form first."""
    with stream:
        if stream.form == "ASK":
            out.write(
                json.dumps({"boolean": bool(stream.boolean)}) + "\n"
                if fmt == "jsonl"
                else ("true" if stream.boolean else "false") + "\n"
            )
            return 1
        _WRITERS[fmt](stream, out, flush)
    return stream.count


def stream_text(stream: RowStream, fmt: str) -> str:
    """The whole stream as one string (for answers already in memory)."""
    out = io.StringIO(newline="")
    write_stream(stream, fmt, out)
    return out.getvalue()


def write_answer(stream: RowStream, fmt: str, output: str | None) -> int:
    """Stream to ``output`` atomically (a regular file; ``-`` or None is standard output); the row count."""
    if output and output != "-":
        with atomic_stream(output) as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            try:
                return write_stream(stream, fmt, text)
            finally:
                text.flush()
                text.detach()
    return write_stream(stream, fmt, sys.stdout, flush=True)

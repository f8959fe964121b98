"""Answers cut at a row cap, written by pyoxigraph: the result streams as TSV (N-Triples for graphs)
into a writer that stops the serialiser past the cap; the kept lines are parsed back by pyoxigraph
and serialised in the format asked for. Memory stays bounded by the cap, not by the answer.
"""

from __future__ import annotations

import pyoxigraph as ox


class _Capped(Exception):
    """Raised by the writer to stop a serialiser once the cap is reached."""


class LineCap:
    """A binary writer that keeps the first ``lines`` lines and stops the writer after that."""

    def __init__(self, lines: int):
        self.lines, self.seen, self.parts = lines, 0, []

    def write(self, data: bytes) -> int:
        data = bytes(data)
        start = 0
        while True:
            cut = data.find(b"\n", start)
            if cut < 0:
                break
            self.seen += 1
            start = cut + 1
            if self.seen == self.lines:
                self.parts.append(data[:start])
                raise _Capped()
        self.parts.append(data)
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


def serialise_solutions(solutions, fmt, max_rows: int) -> tuple[bytes, int, bool]:

    cap = LineCap(max_rows + 2)  # header, max_rows rows, and one more to know there is more
    try:
        solutions.serialize(cap, ox.QueryResultsFormat.TSV)
    except _Capped:
        pass
    kept = cap.value()
    lines = kept.split(b"\n")[:-1]
    truncated = len(lines) > max_rows + 1
    if truncated:
        kept = b"\n".join(lines[: max_rows + 1]) + b"\n"
    rows = min(len(lines) - 1, max_rows)
    again = ox.parse_query_results(kept, ox.QueryResultsFormat.TSV)
    return again.serialize(format=getattr(ox.QueryResultsFormat, fmt)), rows, truncated


def serialise_triples(triples, fmt, max_rows: int, prefixes: dict[str, str]) -> tuple[bytes, int, bool]:

    cap = LineCap(max_rows + 1)
    try:
        ox.serialize(triples, cap, format=ox.RdfFormat.N_TRIPLES)
    except _Capped:
        pass
    lines = cap.value().split(b"\n")[:-1]
    truncated = len(lines) > max_rows
    kept = b"\n".join(lines[:max_rows]) + b"\n"
    parsed = [q.triple for q in ox.parse(kept, format=ox.RdfFormat.N_TRIPLES)]
    target = getattr(ox.RdfFormat, fmt)
    body = ox.serialize(parsed, format=target, prefixes=prefixes if target == ox.RdfFormat.TURTLE else None)
    return body, min(len(lines), max_rows), truncated

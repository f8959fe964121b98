"""One query worker: a child process that opens the store read-only and answers jobs from a pipe.

The server never evaluates a query itself: a worker does, so that a query past its time, or one
that crashes the engine, costs only the worker (the supervisor in :mod:`.pool` kills and replaces
it). Results are written by pyoxigraph; the row cap streams the answer as TSV (N-Triples for
graphs) into a writer that stops the serialiser after the cap, then re-serialises the kept rows.
"""

from __future__ import annotations

import ctypes
import os
import signal

INTERNAL_GRAPH = "urn:minegraph:store"  # the store's stamp graph (minegraph.store_cache): never shown


class _Capped(Exception):
    """Raised by the writer to stop a serialiser once the cap is reached."""


class LineCap:
    """A binary writer that keeps the first ``lines`` lines and stops the writer after that."""

    def __init__(self, lines: int):
        self.lines, self.seen, self.parts, self.truncated = lines, 0, [], False

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
                self.truncated = True  # known only if more follows: checked by the caller
                raise _Capped()
        self.parts.append(data)
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when the server dies, however it dies (no orphans)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serialise_solutions(solutions, fmt, max_rows: int) -> tuple[bytes, int, bool]:
    import pyoxigraph as ox

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


def _serialise_triples(triples, fmt, max_rows: int, prefixes: dict[str, str]) -> tuple[bytes, int, bool]:
    import pyoxigraph as ox

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


class Evaluator:
    """The worker's store and what it may show (every named graph but the internal one)."""

    def __init__(self, database: str, prefixes: dict[str, str]):
        import pyoxigraph as ox

        self.store = ox.Store.read_only(database)
        self.visible = [g for g in self.store.named_graphs() if getattr(g, "value", None) != INTERNAL_GRAPH]
        self.prefixes = prefixes

    def query(self, text: str, form: str, fmt: str, max_rows: int) -> dict:
        """Evaluate and serialise; the dataset is fixed (FROM clauses cannot reach the internal graph)."""
        import pyoxigraph as ox

        try:
            answer = self.store.query(text, default_graph=ox.DefaultGraph(), named_graphs=self.visible)
        except SyntaxError as exc:
            return {"status": 400, "error": "syntax", "message": " ".join(str(exc).split())[:500]}
        if isinstance(answer, ox.QueryBoolean):
            body = answer.serialize(format=getattr(ox.QueryResultsFormat, fmt))
            return {"status": 200, "body": body, "rows": 1, "truncated": False}
        if isinstance(answer, ox.QuerySolutions):
            body, rows, truncated = _serialise_solutions(answer, fmt, max_rows)
        else:
            body, rows, truncated = _serialise_triples(answer, fmt, max_rows, self.prefixes)
        return {"status": 200, "body": body, "rows": rows, "truncated": truncated}


def serve_jobs(conn, database: str, project_root: str, prefixes: dict[str, str]) -> None:
    """The child's loop: one job in, one reply out, until the pipe closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops us
    from . import entity

    evaluator = Evaluator(database, prefixes)
    conn.send({"ready": os.getpid()})
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if job["kind"] == "query":
                reply = evaluator.query(job["text"], job["form"], job["format"], job["max_rows"])
            else:
                reply = entity.handle(evaluator, project_root, job)
        except Exception as exc:  # the reply says what failed; the worker lives on
            reply = {"status": 500, "error": "engine", "message": f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"}
        conn.send(reply)

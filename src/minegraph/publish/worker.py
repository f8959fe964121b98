"""One query worker: a child process that opens the store read-only and answers jobs from a pipe.

The server never evaluates a query itself: a worker does, so that a query past its time, or one
that crashes the engine, costs only the worker (the supervisor in :mod:`.pool` kills and replaces
it). Answers are written by pyoxigraph, cut at the row cap by :mod:`.capped`.
"""

from __future__ import annotations

import pyoxigraph as ox

from minegraph.errors import QuerySyntaxError
from minegraph.store.database import read_only
from minegraph.store.supervised import child_setup, job_loop, short

from .capped import serialise_solutions, serialise_triples

INTERNAL_GRAPH = "urn:minegraph:store"  # the store's stamp graph (minegraph.store.cache): never shown


class Evaluator:
    """The worker's store and what it may show (every named graph but the internal one)."""

    def __init__(self, database: str, prefixes: dict[str, str]):
        self.store = read_only(database)
        self.visible = [g for g in self.store.named_graphs() if getattr(g, "value", None) != INTERNAL_GRAPH]
        self.prefixes = prefixes

    def query(self, text: str, form: str, fmt: str, max_rows: int) -> dict:
        """Parse (SERVICE refused on the parse tree), evaluate and serialise; the dataset is fixed (FROM
        clauses cannot reach the internal graph)."""
        # lazy: the query worker starts light
        from minegraph.querylang.guard import GuardError
        from minegraph.querylang.parse import parse_check

        try:
            parse_check(text)
        except GuardError as exc:
            return {"status": exc.status, "error": exc.kind, "message": str(exc)}
        except QuerySyntaxError as exc:
            return {"status": 400, "error": "syntax", "message": " ".join(str(exc).split())[:500]}
        try:
            answer = self.store.query(text, default_graph=ox.DefaultGraph(), named_graphs=self.visible)
        except SyntaxError as exc:
            return {"status": 400, "error": "syntax", "message": " ".join(str(exc).split())[:500]}
        if isinstance(answer, ox.QueryBoolean):
            body = answer.serialize(format=getattr(ox.QueryResultsFormat, fmt))
            return {"status": 200, "body": body, "rows": 1, "truncated": False}
        if isinstance(answer, ox.QuerySolutions):
            body, rows, truncated = serialise_solutions(answer, fmt, max_rows)
        else:
            body, rows, truncated = serialise_triples(answer, fmt, max_rows, self.prefixes)
        return {"status": 200, "body": body, "rows": rows, "truncated": truncated}


def serve_jobs(conn, database: str, project_root: str, prefixes: dict[str, str]) -> None:
    """The child: one job in, one reply out, until the pipe closes (a failed job is a 500 reply)."""
    child_setup()  # dies with the server; Ctrl-C is the server's to handle, it stops us
    # lazy: rdflib's SPARQL grammar is built here once, before the first job, not at the worker's import
    import rdflib.plugins.sparql.parser  # noqa: F401

    # lazy: the query worker starts light
    from . import entity

    evaluator = Evaluator(database, prefixes)

    def handle(job: dict) -> None:
        if job["kind"] == "query":
            conn.send(evaluator.query(job["text"], job["form"], job["format"], job["max_rows"]))
        else:
            conn.send(entity.handle(evaluator, project_root, job))

    job_loop(
        conn,
        handle,
        lambda exc: {"status": 500, "error": "engine", "message": f"{type(exc).__name__}: {short(exc, 300)}"},
    )

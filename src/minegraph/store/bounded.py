"""Local Oxigraph queries with a deadline and a row cap that really stop the work.

The query runs in a supervised child (:mod:`minegraph.store.supervised`): a persisted store is
opened read-only by path in a spawned worker (kept for the next query: one start per process),
an in-memory store (or an as-of view) is queried in a forked one-shot child that inherits it.
This module loads nothing heavy at import (the worker starts light). Rows come back in growing batches (1, 2, 4 … 1024) as compact term tuples, so the first rows
arrive at once and a large answer streams with bounded memory on both sides. Past the deadline,
on Ctrl-C, or when the reader stops early, the child is SIGKILLed: its CPU work ends with it.
"""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Generator

import pyoxigraph
import pyoxigraph as ox

from minegraph.errors import QueryError, QuerySyntaxError, QueryTimeout, StoreError
from minegraph.store.supervised import Worker, WorkerFailed, child_setup, job_loop, short, start_worker, timeout_message

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
_MAX_BATCH = 1024
_KEEP_IDLE = 2
_idle: list[Worker] = []
_lock = threading.Lock()


# --------------------------------------------------------------------------- the child


def _encoder():
    """A function giving a pyoxigraph term's wire value (:mod:`minegraph.store.rows`)."""
    named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal

    def encode(term):
        kind = type(term)
        if kind is named:
            return term.value
        if term is None:
            return None
        if kind is literal:
            language = term.language
            datatype = None if language else term.datatype.value
            return (term.value, language, None if datatype == _XSD_STRING else datatype)
        if kind is blank:
            return ("b", term.value)
        return (str(term), None, None)  # RDF-star triple terms: shown as text, as from_oxigraph does

    return encode


def _answer(conn, native, job: dict) -> None:
    """Evaluate one job and send its head, its rows in batches, and an end marker with ``truncated``."""
    answer = native.query(job["text"])
    if job["form"] == "ASK":
        conn.send({"boolean": bool(answer)})
        return
    if job["form"] in _GRAPH_FORMS:
        conn.send({"variables": []})
        rows = ((t.subject, t.predicate, t.object) for t in answer)
    else:
        conn.send({"variables": [v.value for v in answer.variables]})
        rows = iter(answer)
    encode, cap, batch, size, sent, truncated = _encoder(), job["max_rows"], [], 1, 0, False
    for row in rows:
        if cap is not None and sent + len(batch) >= cap:
            truncated = True  # one row more than the cap exists
            break
        batch.append(tuple(map(encode, row)))
        if len(batch) >= size:
            conn.send({"rows": batch})
            sent, batch, size = sent + len(batch), [], min(size * 2, _MAX_BATCH)
    if batch:
        conn.send({"rows": batch})
    conn.send({"end": True, "truncated": truncated})


def _grammar() -> None:
    # lazy: rdflib's SPARQL grammar (~170 ms), which the parse jobs use, built on a thread of its own
    import rdflib.plugins.sparql.parser  # noqa: F401


def _parsed(job: dict) -> dict:
    """The parse-only check of a job's text, here under the parent's deadline: a refusal as a message."""
    # lazy: the query worker starts light
    from minegraph.querylang.parse import parse_check

    try:
        parse_check(job["parse"], allow_service=job["allow_service"], source=job["source"], prefixes=job["prefixes"])
    except QueryError as exc:
        return {
            "error": "refused",
            "kind": type(exc).__name__,
            "message": getattr(exc, "message", None) or str(exc),
            "line": getattr(exc, "line", None),
            "column": getattr(exc, "column", None),
            "source": job["source"],
        }
    return {"parsed": True}


def _refusal(message: dict) -> Exception:
    """The worker's refusal of a text, raised again here as the exception the check raised there."""
    # lazy: the query worker starts light
    from minegraph.querylang import guard

    if message["kind"] == "QuerySyntaxError":
        return QuerySyntaxError(message["message"], message["line"], message["column"], message["source"])
    return getattr(guard, message["kind"], guard.GuardError)(message["message"])


def serve_local(conn, native=None, network: bool = False) -> None:
    """The child's loop: a job in, its answer out as messages, until the pipe closes. ``native`` is an
    inherited store (fork); else each job names a persisted database, opened read-only once. Without
    ``network`` (a store opened for federation) the child has no network at all."""
    child_setup(network)
    threading.Thread(target=_grammar, daemon=True).start()  # built while the parent opens its store
    # lazy: the query worker starts light
    from minegraph.store.database import read_only

    opened: dict[str, object] = {}

    def handle(job: dict) -> None:
        if "parse" in job:
            conn.send(_parsed(job))
            return
        store = native
        if job["database"] is not None:
            if job["database"] not in opened:
                opened.clear()  # a rebuilt store is a new directory: forget the old one
                opened[job["database"]] = read_only(job["database"])
            store = opened[job["database"]]
        _answer(conn, store, job)

    job_loop(conn, handle, lambda exc: {"error": type(exc).__name__, "message": short(exc)})


# --------------------------------------------------------------------------- the parent


def _failure(message: dict, location) -> Exception:
    if message["error"] == "refused":
        return _refusal(message)
    if "os error 101" in message["message"]:  # ENETUNREACH: the worker's own network namespace has no route
        return QueryError("the query tried to open a network connection; query workers have no network")
    if message["error"] == "OSError":
        where = f" at {location}" if location else ""
        return StoreError(
            f"the Oxigraph store{where} cannot be read ({message['message']}); delete the directory to rebuild it"
        )
    return QueryError(f"Oxigraph could not evaluate the query: {message['message']}")


class _Job:
    """One job on one worker: its deadline, and the messages it receives."""

    def __init__(self, worker: Worker, timeout: float | None, location, reusable: bool):
        self.worker, self.timeout, self.location, self.reusable = worker, timeout, location, reusable
        self.deadline = None if timeout is None else time.monotonic() + timeout

    def next(self) -> dict:
        """The next message (start-up greetings skipped); QueryTimeout past the deadline."""
        while True:
            left = None if self.deadline is None else max(self.deadline - time.monotonic(), 0)
            try:
                message = self.worker.receive(left)
            except WorkerFailed as exc:
                if exc.kind == "timeout":
                    raise QueryTimeout(timeout_message(self.timeout)) from None
                raise QueryError(exc.message) from None
            if "ready" in message:
                continue
            if "error" in message:
                raise _failure(message, self.location)
            return message

    def rows(self) -> Generator[list[tuple], None, bool]:
        """Batches of rows (wire values); the worker is kept when the answer ended cleanly, killed otherwise."""
        clean = False
        try:
            while True:
                message = self.next()
                if "end" in message:
                    clean = True
                    return message["truncated"]
                yield message["rows"]
        finally:
            self.finish(clean)

    def finish(self, clean: bool) -> None:
        if clean and self.reusable:
            _give_back(self.worker)
        else:
            self.worker.kill()


def _spawned() -> Worker:
    return start_worker(serve_local, wait=None)


def _take() -> Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.process.is_alive():
                return worker
            worker.kill()
    return _spawned()


def _give_back(worker: Worker) -> None:
    worker.jobs += 1
    with _lock:
        if len(_idle) < _KEEP_IDLE:
            _idle.append(worker)
            return
    worker.kill()


def prestart() -> None:
    """Start a worker for persisted stores now, so it boots while the caller opens the store."""
    with _lock:
        if not _idle:
            _idle.append(_spawned())


@atexit.register
def close_idle() -> None:
    """Kill and reap the workers kept for the next query (at exit, or to start afresh)."""
    with _lock:
        workers = list(_idle)
        _idle.clear()
    for worker in workers:
        worker.kill()


def idle_pids() -> list[int]:
    """Process ids of the workers kept for the next query."""
    with _lock:
        return [w.pid for w in _idle]


def _worker_for(store) -> tuple[Worker, bool, str | None]:
    """A worker for ``store`` (whether it is kept afterwards, the database it opens): a persisted store's
    is a spawned one, kept for the next job; an in-memory store (or an as-of view) is inherited by a fork."""
    native, network = store.native, getattr(store, "allow_service", False)
    if store.location is not None and isinstance(native, pyoxigraph.Store):
        worker, reusable = (start_worker(serve_local, (None, True), wait=None), False) if network else (_take(), True)
        return worker, reusable, str(store.location)
    return start_worker(serve_local, (native, network), fork=True, wait=None), False, None


def parse_in_worker(
    store,
    text: str,
    *,
    allow_service: bool,
    source: str | None = None,
    prefixes: dict[str, str] | None = None,
    timeout: float | None = None,
) -> None:
    """:func:`minegraph.querylang.parse.parse_check` in the worker that evaluates ``store``'s bounded
    queries, under ``timeout``: a parse that is slow, or crashes, costs the worker, not the caller."""
    # lazy: the query worker starts light
    from minegraph.querylang.guard import GuardError

    worker, reusable, _ = _worker_for(store)
    job = _Job(worker, timeout, store.location, reusable)
    try:
        worker.conn.send({"parse": text, "allow_service": allow_service, "source": source, "prefixes": prefixes})
        job.next()
    except (GuardError, QuerySyntaxError):  # refused: the worker answered and is free again
        job.finish(True)
        raise
    except BaseException:  # past the deadline, Ctrl-C, or the worker died
        worker.kill()
        raise
    job.finish(True)


def stream_oxigraph(store, text: str, form: str, timeout: float | None, max_rows: int | None):
    """Evaluate checked, bound ``text`` on an Oxigraph store in a worker; a RowStream of its rows as they come."""
    # lazy: here, so the worker loads rdflib only to parse (its SPARQL grammar)
    from minegraph.store.rows import RowStream

    worker, reusable, database = _worker_for(store)
    job = _Job(worker, timeout, store.location, reusable)
    try:
        worker.conn.send({"text": text, "form": form, "max_rows": max_rows, "database": database})
        head = job.next()
    except BaseException:
        worker.kill()
        raise
    if "boolean" in head:
        job.finish(True)
        return RowStream("ASK", boolean=head["boolean"])
    return RowStream(form, head["variables"], source=job.rows())

"""rdflib's in-memory graph and pure-Python SPARQL engine: the reference for engine agreement."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from minegraph.core.namespaces import bind_prefixes
from minegraph.errors import QueryError, QuerySyntaxError
from minegraph.querylang.results import QueryResult
from minegraph.store.base import Progress, Store, load_steps


class RdflibStore(Store):
    """rdflib's in-memory graph and pure-Python SPARQL engine: the reference in tests, and the
    graph pySHACL validates. Slow beyond ~10^5 triples."""

    name = "rdflib"

    def __init__(self, graph: Graph | None = None, *, allow_service: bool = False):

        super().__init__(allow_service=allow_service)
        self._graph = graph if graph is not None else bind_prefixes(Graph())

    @classmethod
    def memory(cls, paths: Iterable[Path] = (), progress: Progress | None = None, **options) -> "RdflibStore":
        store = cls(**options)
        store.load(paths, progress)
        return store

    def load(self, paths: Iterable[Path], progress: Progress | None = None) -> None:
        # lazy: ~30 ms of imports, only on this path
        from minegraph.core.rdf_io import parse_into

        for step in load_steps(paths):
            if progress:
                progress(step)
            parse_into(self._graph, step.path)

    def _run(self, text: str, form: str) -> QueryResult:
        # lazy: pyparsing (rdflib's SPARQL grammar), only on this path
        from pyparsing import ParseException

        try:
            answer = self._graph.query(text)
            if form == "ASK":
                return QueryResult(form, boolean=bool(answer.askAnswer))
            if form in ("CONSTRUCT", "DESCRIBE"):
                return QueryResult(form, triples=list(answer.graph or ()))
            names = [str(v) for v in answer.vars or ()]
            rows = [{n: row.get(n) for n in names} for row in (r.asdict() for r in answer)]
            return QueryResult(form, variables=names, terms=rows)
        except ParseException as exc:
            raise QuerySyntaxError(exc.msg, line=exc.lineno, column=exc.col) from None
        except Exception as exc:  # rdflib's engine raises bare exceptions on what it cannot evaluate
            raise QueryError(f"rdflib could not evaluate the query: {type(exc).__name__}: {exc}") from None

    def triple_count(self) -> int:
        return len(self._graph)

    def graph(self) -> Graph:
        return self._graph

    def describe(self) -> str:
        return "rdflib (in memory)"

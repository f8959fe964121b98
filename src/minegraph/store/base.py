"""Where queries run: one small interface over Oxigraph (default), rdflib and remote endpoints.

Every store takes SPARQL 1.1 text plus parameter bindings and returns a
:class:`~minegraph.querylang.results.QueryResult` holding the engine's own rows (Oxigraph's terms,
a worker's wire values), turned into rdflib terms or Python values only when asked. The checks are shared: the query form
(updates are refused), the syntax (Oxigraph's strict parser, with line and column), SERVICE
(refused unless allowed), and the binding of parameters (:mod:`minegraph.querylang.text`) — so the
same query gets the same answer on every engine.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from minegraph.querylang.results import QueryResult
from minegraph.querylang.text import accepted_form, substitute, with_values
from minegraph.store.rows import RowStream

if TYPE_CHECKING:  # rdflib is loaded only where terms are converted: the Oxigraph path runs without it
    from rdflib import Graph
    from rdflib.term import Node

ENGINES = ("oxigraph", "rdflib")


@dataclass(frozen=True)
class LoadProgress:
    """One step of a load: the file about to be read, its rank and size."""

    path: Path
    index: int
    total: int
    size: int

    def __str__(self) -> str:
        return f"loading {self.path.name} ({self.index}/{self.total}, {self.size / 1e6:.1f} MB)"


Progress = Callable[[object], None]


def base_iri(path: Path) -> str:
    """The base IRI relative IRIs of a file resolve against (as :func:`minegraph.core.rdf_io.parse_into`)."""
    return Path(path).resolve().as_uri()


def load_steps(paths: Iterable[Path]) -> list[LoadProgress]:
    """The files of a load as progress steps (rank and size of each)."""
    paths = [Path(p) for p in paths]
    return [LoadProgress(p, i, len(paths), p.stat().st_size if p.exists() else 0) for i, p in enumerate(paths, 1)]


class Store(ABC):
    """A SPARQL 1.1 query engine over minegraph's triples (default graph)."""

    name = "store"

    def __init__(self, *, allow_service: bool = False):
        self.allow_service = allow_service

    def query(
        self,
        text: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        source: str | None = None,
        values: tuple[str, Iterable[Node]] | None = None,
    ) -> QueryResult:
        """Run a query; ``bindings`` maps variable names to RDF terms (substituted, never pasted as text);
        ``values`` = ``(name, terms)`` answers it for each term of ``?name`` (a trailing VALUES block added
        after the text is checked: each term one escaped token, so a long list costs no parse)."""
        text, form = self._checked(text, bindings, source)
        if values is not None:
            text = with_values(text, *values)
        return self._run(text, form)

    def stream(
        self,
        text: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        source: str | None = None,
        timeout: float | None = None,
        max_rows: int | None = None,
        values: tuple[str, Iterable[Node]] | None = None,
    ) -> RowStream:
        """Run a query with a wall-clock ``timeout`` (seconds) and a row cap; rows stream as they come.
        Oxigraph evaluates in a worker process killed at the deadline (:mod:`minegraph.store.bounded`);
        other engines answer in-process (a remote endpoint's own timeout applies), cut at ``max_rows``."""
        text, form = self._checked(text, bindings, source, timeout)  # the parse, bounded by ``timeout`` too
        if values is not None:  # as in :meth:`query`
            text = with_values(text, *values)
        return self._stream(text, form, timeout, max_rows)

    def check(
        self,
        text: str,
        *,
        source: str | None = None,
        prefixes: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> None:
        """The parse-only check of ``text`` (syntax, prefixes, SERVICE; see :mod:`minegraph.querylang.parse`):
        in this process, or where this engine evaluates bounded queries (a worker) under ``timeout``."""
        # lazy: ~15 ms of imports, only on this path
        from minegraph.querylang.parse import parse_check

        parse = self._parser(timeout) or parse_check
        parse(text, allow_service=self.allow_service, source=source, prefixes=prefixes)

    def _parser(self, timeout: float | None):
        """The parse-only check to use for a query bounded by ``timeout``; None: in this process."""
        return None

    def _checked(
        self, text: str, bindings: Mapping[str, Node] | None, source: str | None, timeout: float | None = None
    ) -> tuple[str, str]:
        form = accepted_form(
            text, allow_service=self.allow_service, source=source, parse=self._parser(timeout)
        )  # guard, form, syntax (once per text)
        return substitute(text, dict(bindings or {})), form

    def _stream(self, text: str, form: str, timeout: float | None, max_rows: int | None) -> RowStream:
        """Evaluate checked, bound text as a stream (default: in-process, then cut)."""
        return RowStream.from_result(self._run(text, form), max_rows)

    @abstractmethod
    def _run(self, text: str, form: str) -> QueryResult:
        """Evaluate checked, bound query text."""

    @abstractmethod
    def load(self, paths: Iterable[Path], progress: Progress | None = None) -> None:
        """Add the triples of RDF files (Turtle, N-Triples) to the store."""

    def triple_count(self) -> int:
        """Number of triples in the default graph."""
        result = self._run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "SELECT")
        return int(result.rows[0]["n"])

    @abstractmethod
    def graph(self) -> Graph:
        """Every triple as an rdflib graph (for pySHACL and comparisons; small graphs only)."""

    def dump(self) -> bytes:
        """Every triple as N-Triples."""
        return self.graph().serialize(format="nt", encoding="utf-8")

    def dump_to(self, path: Path) -> Path:
        """Write every triple as N-Triples to ``path``."""
        Path(path).write_bytes(self.dump())
        return Path(path)

    def close(self) -> None:  # noqa: B027 - a store holding nothing to release need not override it
        """Release files and connections (the store is unusable afterwards)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe()}>"

    def describe(self) -> str:
        return self.name

"""Where queries run: one small interface over Oxigraph (default), rdflib and remote endpoints.

Every store takes SPARQL 1.1 text plus parameter bindings and returns a
:class:`~minegraph.sparql.results.QueryResult` of rdflib terms. The checks are shared: the query form
(updates are refused), the syntax (Oxigraph's strict parser, with line and column), SERVICE
(refused unless allowed), and the binding of parameters (:mod:`minegraph.sparql.text`) — so the
same query gets the same answer on every engine.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from minegraph.errors import InputError, QueryError, QuerySyntaxError, StoreError
from minegraph.sparql.results import QueryResult
from minegraph.sparql.text import check_syntax, query_form, refuse_service, substitute
from minegraph.sparql.terms import from_oxigraph

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

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *, source: str | None = None) -> QueryResult:
        """Run a query; ``bindings`` maps variable names to RDF terms (substituted, never pasted as text)."""
        form = query_form(text)
        check_syntax(text, source=source)
        if not self.allow_service:
            refuse_service(text)
        return self._run(substitute(text, dict(bindings or {})), form)

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

    def close(self) -> None:
        """Release files and connections (the store is unusable afterwards)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe()}>"

    def describe(self) -> str:
        return self.name


class OxigraphStore(Store):
    """The embedded engine (pyoxigraph): in memory, or a persisted directory kept current by
    :mod:`minegraph.store.cache`."""

    name = "oxigraph"

    def __init__(self, store=None, *, location: Path | None = None, allow_service: bool = False):
        import pyoxigraph

        super().__init__(allow_service=allow_service)
        self._store = store if store is not None else pyoxigraph.Store()
        self.location = location

    @classmethod
    def memory(cls, paths: Iterable[Path] = (), progress: Progress | None = None, **options) -> "OxigraphStore":
        """A fresh in-memory store holding the given files."""
        store = cls(**options)
        store.load(paths, progress)
        return store

    @classmethod
    def persisted(cls, project, location: Path | None = None, progress: Progress | None = None,
                  rebuild: bool = True, **options) -> "OxigraphStore":
        """The project's store on disk (default ``.store/``), rebuilt first if stale or corrupt."""
        from minegraph.store.cache import open_current

        store, path = open_current(project, location, progress=progress, rebuild=rebuild)
        return cls(store, location=path, **options)

    @property
    def native(self):
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def load(self, paths: Iterable[Path], progress: Progress | None = None) -> None:
        from minegraph.core.rdf_io import check_syntax as check_file, rdf_format

        for step in load_steps(paths):
            if progress:
                progress(step)
            ox_format, _ = rdf_format(step.path)
            try:
                self._store.bulk_load(path=str(step.path), format=ox_format, base_iri=base_iri(step.path))
            except SyntaxError:
                check_file(step.path)  # raises InputError with the file's line and column
                raise
            except FileNotFoundError as exc:
                raise InputError(step.path, f"cannot read file: {exc.strerror}") from None
            except (OSError, RuntimeError) as exc:  # a read-only persisted store, a full disk…
                raise StoreError(f"cannot load {step.path.name} into this store: {exc}") from None

    def _run(self, text: str, form: str) -> QueryResult:
        import pyoxigraph

        try:
            answer = self._store.query(text)
            if form == "ASK":
                return QueryResult(form, boolean=bool(answer))
            if form in ("CONSTRUCT", "DESCRIBE"):
                triples = [(from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)) for t in answer]
                return QueryResult(form, triples=triples)
            assert isinstance(answer, pyoxigraph.QuerySolutions)
            names = [v.value for v in answer.variables]
            rows = [{n: from_oxigraph(solution[n]) for n in names} for solution in answer]
            return QueryResult(form, variables=names, terms=rows)
        except SyntaxError as exc:  # after substitution: should not happen, but say where
            raise QuerySyntaxError(str(exc)) from None
        except OSError as exc:
            where = f" at {self.location}" if self.location else ""
            raise StoreError(f"the Oxigraph store{where} cannot be read ({exc}); delete the directory to rebuild it") from None
        except RuntimeError as exc:
            raise QueryError(f"Oxigraph could not evaluate the query: {exc}") from None

    def dump(self) -> bytes:
        import pyoxigraph

        return self._store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())

    def dump_to(self, path: Path) -> Path:
        import pyoxigraph

        self._store.dump(str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
        return Path(path)

    def graph(self) -> Graph:
        from minegraph.core.namespaces import bind_prefixes

        return bind_prefixes(Graph()).parse(data=self.dump(), format="nt")

    def close(self) -> None:
        self._store = None  # pyoxigraph releases the database when the object is dropped

    def describe(self) -> str:
        return f"oxigraph {self.location}" if self.location else "oxigraph (in memory)"


class RdflibStore(Store):
    """rdflib's in-memory graph and pure-Python SPARQL engine: the reference in tests, and the
    graph pySHACL validates. Slow beyond ~10^5 triples."""

    name = "rdflib"

    def __init__(self, graph: Graph | None = None, *, allow_service: bool = False):
        from minegraph.core.namespaces import bind_prefixes

        super().__init__(allow_service=allow_service)
        self._graph = graph if graph is not None else bind_prefixes(Graph())

    @classmethod
    def memory(cls, paths: Iterable[Path] = (), progress: Progress | None = None, **options) -> "RdflibStore":
        store = cls(**options)
        store.load(paths, progress)
        return store

    def load(self, paths: Iterable[Path], progress: Progress | None = None) -> None:
        from minegraph.core.rdf_io import parse_into

        for step in load_steps(paths):
            if progress:
                progress(step)
            parse_into(self._graph, step.path)

    def _run(self, text: str, form: str) -> QueryResult:
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


def open_store(project=None, endpoint: str | None = None, engine: str = "oxigraph", *, persist: bool = True,
               location: Path | None = None, graph: str | None = None, timeout: float = 60,
               progress: Progress | None = None, allow_service: bool = False) -> Store:
    """The store to query: a remote endpoint if given, else the project's files on ``engine``.

    Oxigraph is persisted in ``.store/`` (``location``) unless ``persist=False``.
    """
    if endpoint:
        from minegraph.store.remote import RemoteStore

        return RemoteStore(endpoint, graph=graph, timeout=timeout, allow_service=allow_service)
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if project is None:
        from minegraph.core.project import find_project

        project = find_project()
    if engine == "rdflib":
        return RdflibStore.memory(project.all_rdf_files(), progress, allow_service=allow_service)
    if persist:
        return OxigraphStore.persisted(project, location, progress, allow_service=allow_service)
    return OxigraphStore.memory(project.all_rdf_files(), progress, allow_service=allow_service)

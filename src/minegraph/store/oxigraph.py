"""The embedded engine: pyoxigraph, in memory or persisted (see :mod:`minegraph.store.cache`)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph

from minegraph.errors import InputError, QueryError, QuerySyntaxError, StoreError
from minegraph.querylang.results import QueryResult
from minegraph.querylang.native import python_value
from minegraph.querylang.terms import from_oxigraph
from minegraph.store.base import Progress, Store, base_iri, load_steps


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

    @property
    def native(self):
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def load(self, paths: Iterable[Path], progress: Progress | None = None) -> None:
        for step in load_steps(paths):
            if progress:
                progress(step)
            with _reading(step.path):
                self._store.bulk_load(path=str(step.path), format=_format(step.path), base_iri=base_iri(step.path))

    def load_at_once(self, paths: Iterable[Path], progress: Progress | None = None, then=lambda: ()) -> None:
        """Every file's quads, then ``then()``'s (asked once the files are read), in one ``bulk_extend``:
        RocksDB writes and ingests its files once, not once per file, which is most of a small
        persisted build. The quads pass through Python, so :meth:`load` is faster on large inputs."""
        import pyoxigraph

        def quads():
            for step in load_steps(paths):
                if progress:
                    progress(step)
                with _reading(step.path):
                    yield from pyoxigraph.parse(path=str(step.path), format=_format(step.path),
                                                base_iri=base_iri(step.path), rename_blank_nodes=True)
            yield from then()

        with _reading(None):
            self._store.bulk_extend(quads())

    def _run(self, text: str, form: str) -> QueryResult:
        import pyoxigraph

        try:
            answer = self._store.query(text)
            if form == "ASK":
                return QueryResult(form, boolean=bool(answer))
            if form in ("CONSTRUCT", "DESCRIBE"):
                triples = [(t.subject, t.predicate, t.object) for t in answer]
                return QueryResult.native(form, triples, term=from_oxigraph, value=python_value)
            assert isinstance(answer, pyoxigraph.QuerySolutions)
            names = [v.value for v in answer.variables]
            # every row read now (the store may change), converted to rdflib or Python only when asked
            return QueryResult.native(form, [tuple(solution) for solution in answer], variables=names,
                                      term=from_oxigraph, value=python_value)
        except SyntaxError as exc:  # after substitution: should not happen, but say where
            raise QuerySyntaxError(str(exc)) from None
        except OSError as exc:
            where = f" at {self.location}" if self.location else ""
            raise StoreError(f"the Oxigraph store{where} cannot be read ({exc}); delete the directory to rebuild it") from None
        except RuntimeError as exc:
            raise QueryError(f"Oxigraph could not evaluate the query: {exc}") from None

    def _parser(self, timeout: float | None):
        """A bounded query is parsed in the worker that will evaluate it, under its deadline."""
        if timeout is None:
            return None
        from minegraph.store.bounded import parse_in_worker

        return lambda text, **options: parse_in_worker(self, text, timeout=timeout, **options)

    def _stream(self, text: str, form: str, timeout: float | None, max_rows: int | None):
        """In a worker process, killed at the deadline (:mod:`minegraph.store.bounded`)."""
        from minegraph.store.bounded import stream_oxigraph

        return stream_oxigraph(self, text, form, timeout, max_rows)

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


def _format(path: Path):
    from minegraph.core.rdf_io import rdf_format

    return rdf_format(path)[0]


@contextmanager
def _reading(path: Path | None):
    """Loading ``path`` (None: writing what was read): a syntax error as InputError with the file's
    line and column, a missing file as InputError, a store that cannot be written as StoreError."""
    from minegraph.core.rdf_io import check_syntax

    try:
        yield
    except SyntaxError:
        if path is not None:
            check_syntax(path)  # raises InputError with the file's line and column
        raise
    except (OSError, RuntimeError) as exc:  # a read-only persisted store, a full disk…
        if path is not None and isinstance(exc, FileNotFoundError):
            raise InputError(path, f"cannot read file: {exc.strerror}") from None
        where = f"{path.name} " if path is not None else "the files "
        raise StoreError(f"cannot load {where}into this store: {exc}") from None

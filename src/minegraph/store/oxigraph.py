"""The embedded engine: pyoxigraph, in memory or persisted (see :mod:`minegraph.store.cache`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph

from minegraph.errors import InputError, QueryError, QuerySyntaxError, StoreError
from minegraph.querylang.native import iri_of, python_value, rdflib_term
from minegraph.querylang.results import QueryResult
from minegraph.store.base import Progress, Store, base_iri, load_steps

if TYPE_CHECKING:  # rdflib is loaded only where terms are converted: the Oxigraph path runs without it
    from rdflib import Graph


#: The predicate of :meth:`OxigraphStore.owners_store`'s triples.
DESCRIBES = "urn:minegraph:describes"


class OxigraphStore(Store):
    """The embedded engine (pyoxigraph): in memory, or a persisted directory kept current by
    :mod:`minegraph.store.cache`."""

    name = "oxigraph"

    def __init__(self, store=None, *, location: Path | None = None, allow_service: bool = False):

        super().__init__(allow_service=allow_service)
        self._store = store if store is not None else pyoxigraph.Store()
        self.location = location
        self._owners: dict[str, list[Path]] | None = None

    @classmethod
    def memory(cls, paths: Iterable[Path] = (), progress: Progress | None = None, *, pool: Executor | None = None,
               owners: bool = False, **options) -> "OxigraphStore":
        """A fresh in-memory store holding the given files: loaded side by side on ``pool``'s threads
        (Oxigraph parses without the GIL), or, with ``owners``, read once through Python noting each file's
        subjects (:attr:`owners`) — as fast as a ``bulk_load`` on one thread, and no second parse."""
        store = cls(**options)
        if owners:
            store._owners = store._load_noting_subjects(paths, progress)
        elif pool is not None:
            for _ in pool.map(store.load_file, map(Path, paths)):
                pass
        else:
            store.load(paths, progress)
        return store

    @classmethod
    def from_quads(cls, quads: Iterable, **options) -> "OxigraphStore":
        """A fresh in-memory store of Oxigraph quads (graphs made in memory, e.g. a release's description)."""
        store = cls(**options)
        store._store.bulk_extend(quads)
        return store

    @property
    def native(self):
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    @property
    def owners(self) -> dict[str, list[Path]]:
        """Each IRI that is a subject in the loaded files → the files where it is one, in load order
        (a store made by ``memory(..., owners=True)`` only)."""
        if self._owners is None:
            raise StoreError("this store was not loaded with owners=True: it keeps no file of origin")
        return self._owners

    def owners_store(self, paths: Iterable[Path], graph_name: Callable[[Path], str]) -> "OxigraphStore":
        """The :attr:`owners` map as a store: each of ``paths`` a named graph (``graph_name(path)``) holding
        one triple ``<s> <urn:minegraph:describes> <s>`` per subject the file describes — what a query like
        ``GRAPH ?file { ?focus ?p ?o }`` asks of the files, without loading them a second time."""
        owners, wanted = self.owners, {Path(p): pyoxigraph.NamedNode(graph_name(Path(p))) for p in paths}
        describes = pyoxigraph.NamedNode(DESCRIBES)
        return OxigraphStore.from_quads(
            pyoxigraph.Quad(node, describes, node, wanted[path])
            for node, files in ((pyoxigraph.NamedNode(iri), files) for iri, files in owners.items())
            for path in files if path in wanted)

    def load(self, paths: Iterable[Path], progress: Progress | None = None) -> None:
        for step in load_steps(paths):
            if progress:
                progress(step)
            self.load_file(step.path)

    def load_file(self, path: Path) -> None:
        """Add one file's triples (Oxigraph's own parser and bulk loader; no Python per triple)."""
        with _reading(path):
            self._store.bulk_load(path=str(path), format=_format(path), base_iri=base_iri(path))

    def _load_noting_subjects(self, paths: Iterable[Path], progress: Progress | None) -> dict[str, list[Path]]:

        subjects: dict[Path, set] = {}

        def quads():
            for step in load_steps(paths):
                if progress:
                    progress(step)
                seen = subjects[step.path] = set()
                note = seen.add
                with _reading(step.path):
                    for quad in pyoxigraph.parse(path=str(step.path), format=_format(step.path),
                                                 base_iri=base_iri(step.path)):
                        note(quad.subject)
                        yield quad

        with _reading(None):
            self._store.bulk_extend(quads())
        owners: dict[str, list[Path]] = {}
        for path, seen in subjects.items():
            for subject in seen:
                if type(subject) is pyoxigraph.NamedNode:
                    owners.setdefault(subject.value, []).append(path)
        return owners

    def load_at_once(self, paths: Iterable[Path], progress: Progress | None = None, then=lambda: ()) -> None:
        """Every file's quads, then ``then()``'s (asked once the files are read), in one ``bulk_extend``:
        RocksDB writes and ingests its files once, not once per file, which is most of a small
        persisted build. The quads pass through Python, so :meth:`load` is faster on large inputs."""
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

        try:
            answer = self._store.query(text)
            if form == "ASK":
                return QueryResult(form, boolean=bool(answer))
            if form in ("CONSTRUCT", "DESCRIBE"):
                triples = [(t.subject, t.predicate, t.object) for t in answer]
                return QueryResult.native(form, triples, term=rdflib_term, value=python_value, iri=iri_of)
            assert isinstance(answer, pyoxigraph.QuerySolutions)
            names = [v.value for v in answer.variables]
            # every row read now (the store may change), converted to rdflib or Python only when asked
            return QueryResult.native(form, [tuple(solution) for solution in answer], variables=names,
                                      term=rdflib_term, value=python_value, iri=iri_of)
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
        # lazy: ~60 ms of imports, only on this path
        from minegraph.store.bounded import parse_in_worker

        return lambda text, **options: parse_in_worker(self, text, timeout=timeout, **options)

    def _stream(self, text: str, form: str, timeout: float | None, max_rows: int | None):
        """In a worker process, killed at the deadline (:mod:`minegraph.store.bounded`)."""
        # lazy: ~60 ms of imports, only on this path
        from minegraph.store.bounded import stream_oxigraph

        return stream_oxigraph(self, text, form, timeout, max_rows)

    def dump(self) -> bytes:

        return self._store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())

    def dump_to(self, path: Path) -> Path:

        self._store.dump(str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
        return Path(path)

    def graph(self) -> Graph:
        # lazy: rdflib (~170 ms), only on this path
        from rdflib import Graph

        from minegraph.core.namespaces import bind_prefixes

        return bind_prefixes(Graph()).parse(data=self.dump(), format="nt")

    def close(self) -> None:
        self._store = None  # pyoxigraph releases the database when the object is dropped

    def describe(self) -> str:
        return f"oxigraph {self.location}" if self.location else "oxigraph (in memory)"


def _format(path: Path):
    # lazy: ~30 ms of imports, only on this path
    from minegraph.core.rdf_io import rdf_format

    return rdf_format(path)[0]


@contextmanager
def _reading(path: Path | None):
    """Loading ``path`` (None: writing what was read): a syntax error as InputError with the file's
    line and column, a missing file as InputError, a store that cannot be written as StoreError."""
    # lazy: ~20 ms of imports, only on this path
    from minegraph.core.rdf_io import syntax_error

    try:
        yield
    except SyntaxError as exc:
        if path is not None:
            raise syntax_error(path, exc) from None
        raise
    except (OSError, RuntimeError) as exc:  # a read-only persisted store, a full disk…
        if path is not None and isinstance(exc, FileNotFoundError):
            raise InputError(path, f"cannot read file: {exc.strerror}") from None
        where = f"{path.name} " if path is not None else "the files "
        raise StoreError(f"cannot load {where}into this store: {exc}") from None


def baseline_store(paths: Iterable[Path]):
    """A bare ``pyoxigraph.Store`` of the files, ``bulk_load`` each and nothing else: the baseline the
    benchmarks compare minegraph's load with (no error mapping, no base IRI)."""
    store = pyoxigraph.Store()
    for path in paths:
        store.bulk_load(path=str(path), format=_format(Path(path)))
    return store

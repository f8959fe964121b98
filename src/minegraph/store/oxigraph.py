"""The embedded engine: pyoxigraph, in memory or persisted (see :mod:`minegraph.store.cache`)."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
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
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class OxigraphStore(Store):
    """The embedded engine (pyoxigraph): in memory, or a persisted directory kept current by
    :mod:`minegraph.store.cache`."""

    name = "oxigraph"

    def __init__(self, store=None, *, location: Path | None = None, allow_service: bool = False):
        super().__init__(allow_service=allow_service)
        self._store = store if store is not None else pyoxigraph.Store()
        self._in_memory = store is None  # loaded with Oxigraph's transactional load (see load_file)
        self.location = location
        self._paths: list[Path] = []  # the files of memory(): owners are read from them when first asked
        self._owners: Owners | None = None

    @classmethod
    def memory(
        cls,
        paths: Iterable[Path] = (),
        progress: Progress | None = None,
        *,
        pool: Executor | None = None,
        owners: bool = False,
        datatypes: Iterable[str] = (),
        **options,
    ) -> "OxigraphStore":
        """A fresh in-memory store holding the given files, loaded side by side on ``pool``'s threads
        (Oxigraph parses without the GIL). With ``owners``, which file describes each subject
        (:attr:`owners`) is noted during the load, in this thread while the pool loads; otherwise it is
        read when first asked; ``datatypes``: see :meth:`Owners.read`."""
        store = cls(**options)
        store._paths = [Path(p) for p in paths]
        noting = pool.submit(store.load, store._paths, progress) if pool is not None and owners else None
        if pool is not None and not owners:
            for _ in pool.map(store.load_file, store._paths):
                pass
        elif noting is None:
            store.load(store._paths, progress)
        if owners:
            store._owners = Owners.read(store._paths, datatypes)
        if noting is not None:
            noting.result()
        return store

    @classmethod
    def from_quads(cls, quads: Iterable, **options) -> "OxigraphStore":
        """A fresh in-memory store of Oxigraph quads (graphs made in memory, e.g. a release's description)."""
        store = cls(**options)
        store._store.bulk_extend(quads)
        return store

    @classmethod
    def from_graph(cls, graph, **options) -> "OxigraphStore":
        """A fresh in-memory store holding an rdflib graph's triples (copied through N-Triples)."""
        store = cls(**options)
        store._store.load(graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        return store

    @property
    def native(self):
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    @property
    def owners(self) -> dict[str, list[Path]]:
        """Each IRI that is a subject in the files of :meth:`memory` → the files where it is one, in load order."""
        return self.ownership.files

    @property
    def ownership(self) -> "Owners":
        """Which of the files of :meth:`memory` describes each subject (read once, when first asked unless
        the store was made with ``owners=True``)."""
        if self._owners is None:
            if not self._paths:
                raise StoreError("this store was not loaded from files by memory(): it keeps no file of origin")
            self._owners = Owners.read(self._paths)
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
            for path in files
            if path in wanted
        )

    def load(self, paths: Iterable[Path], progress: Progress | None = None) -> None:
        for step in load_steps(paths):
            if progress:
                progress(step)
            self.load_file(step.path)

    def load_file(self, path: Path) -> None:
        """Add one file's triples (Oxigraph's own parser; no Python per triple). In memory with the
        transactional loader: at 10^6 it loads in 2.9 s of CPU where the bulk loader takes 4.1 s, and the
        shapes' queries then run in 5.0 s instead of 7.2 s (9.9 s on a store filled from Python)."""
        with _reading(path):
            load = self._store.load if self._in_memory else self._store.bulk_load
            load(path=str(path), format=_format(path), base_iri=base_iri(path))

    def load_at_once(self, paths: Iterable[Path], progress: Progress | None = None, then=lambda: ()) -> None:
        """Every file's quads, then ``then()``'s (asked once the files are read), in one ``bulk_extend``:
        RocksDB writes and ingests its files once, not once per file, which is most of a small
        persisted build. The quads pass through Python, so :meth:`load` is faster on large inputs."""

        def quads():
            for step in load_steps(paths):
                if progress:
                    progress(step)
                with _reading(step.path):
                    yield from pyoxigraph.parse(
                        path=str(step.path),
                        format=_format(step.path),
                        base_iri=base_iri(step.path),
                        rename_blank_nodes=True,
                    )
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
            return QueryResult.native(
                form,
                [tuple(solution) for solution in answer],
                variables=names,
                term=rdflib_term,
                value=python_value,
                iri=iri_of,
            )
        except SyntaxError as exc:  # after substitution: should not happen, but say where
            raise QuerySyntaxError(str(exc)) from None
        except OSError as exc:
            where = f" at {self.location}" if self.location else ""
            raise StoreError(
                f"the Oxigraph store{where} cannot be read ({exc}); delete the directory to rebuild it"
            ) from None
        except RuntimeError as exc:
            raise QueryError(f"Oxigraph could not evaluate the query: {exc}") from None

    def _parser(self, timeout: float | None):
        """A bounded query is parsed in the worker that will evaluate it, under its deadline."""
        if timeout is None:
            return None
        # lazy: the worker machinery (~60 ms of imports), only for bounded queries
        from minegraph.store.bounded import parse_in_worker

        return lambda text, **options: parse_in_worker(self, text, timeout=timeout, **options)

    def _stream(self, text: str, form: str, timeout: float | None, max_rows: int | None):
        """In a worker process, killed at the deadline (:mod:`minegraph.store.bounded`)."""
        # lazy: the worker machinery (~60 ms of imports), only for bounded queries
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


@dataclass(frozen=True)
class Owners:
    """Which file describes each subject IRI: the store keeps no file of origin, so the files are read once
    more by Python, subjects only (1.5 s at 10^6, of which 1.4 s is pyoxigraph's parse into Python objects).
    Feeding the store from that same pass would make every later query slower: at 10^6 the shapes took
    6.2–6.5 s on such a store, 5.0–5.3 s on one Oxigraph loaded itself."""

    files: dict[str, list[Path]]  # IRI → the files where it is a subject, in load order
    written: list = field(default_factory=list)  # (file, quad) of each literal of a datatype asked for

    @classmethod
    def read(cls, paths: Iterable[Path], datatypes: Iterable[str] = ()) -> "Owners":
        """The owners of ``paths``' subjects; with ``datatypes`` (IRIs), the same pass also keeps each quad whose
        literal has one of them as written (the store folds xsd:nonNegativeInteger and the other derived
        integer types into xsd:integer, and keeps no record of the type the file wrote)."""
        files: dict[str, list[Path]] = {}
        written: list = []
        wanted = frozenset(datatypes)
        for path in map(Path, paths):
            with _reading(path):
                quads = pyoxigraph.parse(path=str(path), format=_format(path), base_iri=base_iri(path))
                subjects = _subjects_noting(quads, wanted, path, written) if wanted else set(map(_SUBJECT, quads))
            for subject in subjects:
                if type(subject) is pyoxigraph.NamedNode:
                    files.setdefault(subject.value, []).append(path)
        return cls(files, written)

    def describing(self, iri: str, among: Iterable[Path] | None = None) -> Path | None:
        """The file describing ``iri`` (of ``among`` only, if given): the first that types it, else the first
        where it is a subject. Only an IRI described in several files has them read again, for its types."""
        wanted = None if among is None else set(map(Path, among))
        candidates = [p for p in self.files.get(iri, ()) if wanted is None or p in wanted]
        if len(candidates) > 1:
            return next((p for p in candidates if _types(p, iri)), candidates[0])
        return candidates[0] if candidates else None

    def shared(self) -> dict[str, list[Path]]:
        """The IRIs that are subjects in more than one file, with those files."""
        return {iri: paths for iri, paths in self.files.items() if len(paths) > 1}


_SUBJECT = operator.attrgetter("subject")


def _subjects_noting(quads, datatypes: frozenset, path: Path, written: list) -> set:
    """The subjects of ``quads``; each quad whose object is a literal of one of ``datatypes`` appended to
    ``written`` with ``path`` (one loop in Python: 0.25 s more than the subjects alone at 10^6)."""
    subjects, literal = set(), pyoxigraph.Literal
    note = subjects.add
    for quad in quads:
        note(quad.subject)
        value = quad.object
        if type(value) is literal and value.datatype.value in datatypes:
            written.append((path, quad))
    return subjects


def _types(path: Path, iri: str) -> bool:
    """Whether the file gives ``iri`` an rdf:type."""
    node, rdf_type = pyoxigraph.NamedNode(iri), pyoxigraph.NamedNode(RDF_TYPE)
    with _reading(path):
        return any(
            q.subject == node and q.predicate == rdf_type
            for q in pyoxigraph.parse(path=str(path), format=_format(path), base_iri=base_iri(path))
        )


def _format(path: Path):
    # lazy: ~30 ms of imports, only on this path
    from minegraph.core.rdf_io import rdf_format

    return rdf_format(path)[0]


@contextmanager
def _reading(path: Path | None):
    """Loading ``path`` (None: writing what was read): a syntax error as InputError with the file's
    line and column, a missing file as InputError, a store that cannot be written as StoreError."""
    # lazy: ~30 ms of imports, only on this path
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


@functools.cache
def stored_literal(literal):
    """A pyoxigraph literal as the store keeps it: ``"01"^^xsd:int`` is ``"1"^^xsd:integer`` there (what a query
    must write to match it with sameTerm or a triple pattern)."""
    store = pyoxigraph.Store()
    store.add(
        pyoxigraph.Quad(pyoxigraph.NamedNode("urn:minegraph:s"), pyoxigraph.NamedNode("urn:minegraph:p"), literal)
    )
    return next(iter(store)).object


def baseline_store(paths: Iterable[Path]):
    """A bare ``pyoxigraph.Store`` of the files, ``bulk_load`` each and nothing else: the baseline the
    benchmarks compare minegraph's load with (no error mapping, no base IRI)."""
    store = pyoxigraph.Store()
    for path in paths:
        store.bulk_load(path=str(path), format=_format(Path(path)))
    return store

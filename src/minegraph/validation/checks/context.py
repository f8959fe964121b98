"""What every check's wording reads: the store (ontology + data), graph/ (archived texts), the ontology's own
triples, the data files, and lookups shared by the checks of one run (each computed once)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from minegraph.queries.library import package_query
from minegraph.store.oxigraph import Owners, OxigraphStore
from minegraph.validation.findings import Finding

HERE = Path(__file__).resolve().parent


@dataclass
class Context:
    """The store the checks query, where the archived texts are, and what the checks of one run share."""

    store: ox.Store
    graph_dir: Path
    ontology: ox.Store
    data_files: tuple[Path, ...] = ()
    reference_dir: Path | None = None
    cache: dict = field(default_factory=dict)
    _locks: dict = field(default_factory=dict, repr=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def shared(self, key: str, compute: Callable[[], object]):
        """``compute()`` once per run, however many checks (in however many threads) ask for ``key``."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self.cache:
                self.cache[key] = compute()
        return self.cache[key]

    def select(self, name: str, store: ox.Store | None = None, **bindings) -> list[ox.QuerySolution]:
        """Run the check query ``name.rq`` (or a lookup, ``support/name.rq``) with ``bindings`` substituted."""
        substitutions = {ox.Variable(k): v for k, v in bindings.items()}
        return list((store or self.store).query(query_text(name), substitutions=substitutions or None))

    def files_store(self) -> ox.Store:
        """Which data file describes which IRI (:func:`files_store`), built once per run unless given."""
        return self.shared(FILES_STORE, lambda: files_store(self.data_files))

    def is_ontology_triple(self, s, p, o) -> bool:
        return ox.Quad(s, p, o, ox.DefaultGraph()) in self.ontology


#: The key of :func:`files_store`'s result among the values the checks of a run share.
FILES_STORE = "files-store"
#: The one predicate of the files store: an IRI is described in (the subject of triples in) a data file.
DESCRIBED_IN = ox.NamedNode("urn:minegraph:validation:describedIn")


def files_store(data_files, owners: Owners | None = None) -> ox.Store:
    """The store the checks "over files" query (the main store keeps no file of origin): one triple
    (IRI, DESCRIBED_IN, "graph/NAME.ttl") per data file where the IRI is a subject, from ``owners`` (what the
    load noted: :attr:`minegraph.store.oxigraph.OxigraphStore.ownership`), or read from the files. Only the
    IRIs that are subjects in more than one file: the others cannot make a finding of a query over files
    (owners.rq), and their 120k triples took 1.6 s to build at 10^6."""
    owners = owners if owners is not None else Owners.read(data_files)
    names = {Path(path): ox.Literal(f"{Path(path).parent.name}/{Path(path).name}") for path in data_files}
    return OxigraphStore.from_quads(
        ox.Quad(ox.NamedNode(iri), DESCRIBED_IN, names[Path(path)])
        for iri, paths in owners.shared().items()
        for path in paths
        if Path(path) in names
    ).native


@cache
def query_text(name: str) -> str:
    """The text of a check's query (``NAME.rq``) or of a lookup the wordings share (``support/NAME.rq``)."""
    return package_query(HERE if (HERE / f"{name}.rq").is_file() else HERE / "support", name).text


def text(node) -> str | None:
    """A term as findings hold it: an IRI or a literal's lexical form bare, a blank node as ``_:id``."""
    if node is None:
        return None
    return node.value if isinstance(node, ox.NamedNode | ox.Literal) else str(node)


def finding(message: str, focus=None, path=None, *, severity: str | None = None) -> Finding:
    """A finding of the check whose wording returns it (the runner fills in the check's name and, unless
    given here, its severity from the profile). ``focus``, ``path``: RDF terms or IRIs as strings."""
    return Finding(
        severity=severity or "",
        message=message,
        source="",
        focus=text(focus) if not isinstance(focus, str) else focus,
        path=text(path) if not isinstance(path, str) else path,
    )


Wording = Callable[[Context, list], Iterable[Finding]]
WORDINGS: dict[str, Wording] = {}


def wording(name: str) -> Callable[[Wording], Wording]:
    """Register the wording function of check ``name``: (context, rows of NAME.rq) → its findings."""

    def register(function: Wording) -> Wording:
        if name in WORDINGS:
            raise ValueError(f"two wordings for check {name!r}")
        WORDINGS[name] = function
        return function

    return register

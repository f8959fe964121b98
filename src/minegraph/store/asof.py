"""The graph as it stood on a date ("time travel"): queries answered against what was known then.

Known on date D: every triple whose knowledge time (:mod:`minegraph.store.knowledge`, docs/time.md) is on
or before D, and every undated triple (states, actors, the ontology, the concept schemes). Knowledge
time is per triple: a node's triples are known from the node's day, a link from the later of its two
ends, a decision's date from the act that fixed it, a field from the documents of its field citation.
In a view, each node known by then also carries ``mg:knownFrom`` (its knowledge day), so knowledge time is
queryable beside valid time (``mg:date``): ``minegraph sparql '… ?x mg:knownFrom ?day …' --as-of D``.

How: the Oxigraph store holds, beside its default graph, an index of the same triples in named graphs:
the timeless triples once (``…/as-of/timeless``), and each dated triple (by its knowledge day) in one
aligned span of days per level, spans of 1, 2, 4 … 2^17 days from 1800-01-01
(``…/as-of/span/2025-03-18/days/1``), as in a Fenwick tree. :func:`partition` writes it the first time a
view is asked for (into an in-memory load when the persisted store is read-only). The days up to D are covered by at most 18 disjoint spans, so a view
for D runs the unchanged query text with Oxigraph's ``default_graph`` set to the timeless graph and those
spans: a choice of graphs, never a copy per date. (One graph per date would do too, but Oxigraph unions
the default graphs per triple pattern: 249 graphs made the stance-edges query 200 times slower.)
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from minegraph.core.namespaces import bind_prefixes
from minegraph.errors import ParameterError, StoreError
from minegraph.store.knowledge import triple_days
from minegraph.store.oxigraph import OxigraphStore

AS_OF_BASE = "https://w3id.org/minegraph/as-of/"
TIMELESS = AS_OF_BASE + "timeless"
SPANS = AS_OF_BASE + "span/"
EPOCH = datetime.date(1800, 1, 1)  # day 0 of the spans; earlier dates count as day 0
LEVELS = 18  # spans of 2^0 … 2^17 days: 2^18 days from 1800 reach beyond 2500
_MARKER = AS_OF_BASE + "partition/3"  # graph and subject of the partition's record (3: triple knowledge days)
_TRIPLES = AS_OF_BASE + "triples"  # how many default-graph triples the partition holds
KNOWN_FROM = "https://w3id.org/minegraph/ontology#knownFrom"


def parse_date(value) -> datetime.date:
    """An ISO date (``2025-05-01``) or a date; a clear error otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ParameterError(f"as of {value!r}: expected an ISO date (YYYY-MM-DD)") from None


def partition(native) -> int:
    """Write the as-of partition of the default graph into named graphs of the same store; returns the
    number of triples partitioned. Replaces an earlier partition."""
    native.remove_graph(pyoxigraph.NamedNode(_MARKER))  # first: a read-only store refuses here, before the work
    for graph in list(native.named_graphs()):
        if graph.value.startswith(AS_OF_BASE):
            native.remove_graph(graph)
    days, day_of = triple_days(native)
    spans: dict = {}

    def graphs(when) -> list:
        if when is None:
            return [pyoxigraph.NamedNode(TIMELESS)]
        if when not in spans:
            spans[when] = [pyoxigraph.NamedNode(_span_iri(level, _day(when) >> level)) for level in range(LEVELS)]
        return spans[when]

    quads = [
        pyoxigraph.Quad(quad.subject, quad.predicate, quad.object, graph)
        for quad in native.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
        for graph in graphs(day_of(quad))
    ]
    known_from, xsd_date = (
        pyoxigraph.NamedNode(KNOWN_FROM),
        pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#date"),
    )
    quads += [
        pyoxigraph.Quad(node, known_from, pyoxigraph.Literal(when.isoformat(), datatype=xsd_date), graph)
        for node, when in days.items()
        for graph in graphs(when)
    ]
    count = sum(1 for _ in native.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    marker = pyoxigraph.NamedNode(_MARKER)
    quads.append(
        pyoxigraph.Quad(
            marker,
            pyoxigraph.NamedNode(_TRIPLES),
            pyoxigraph.Literal(str(count), datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            marker,
        )
    )
    native.extend(quads)
    return count


def _partitioned(native) -> bool:

    marker = pyoxigraph.NamedNode(_MARKER)
    recorded = [
        int(q.object.value) for q in native.quads_for_pattern(marker, pyoxigraph.NamedNode(_TRIPLES), None, marker)
    ]
    if not recorded:
        return False
    total = next(iter(native.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]
    return recorded == [int(total.value)]


def _day(when: datetime.date) -> int:
    return max((when - EPOCH).days, 0)


def _span_iri(level: int, index: int) -> str:
    """``…/span/<first day>/days/<length>``: the ``index``-th span of 2^level days from the epoch."""
    return f"{SPANS}{(EPOCH + datetime.timedelta(days=index << level)).isoformat()}/days/{1 << level}"


def spans_up_to(date: datetime.date) -> list[str]:
    """The disjoint aligned spans that together cover every day from the epoch to ``date``."""
    remaining, start, spans = _day(date) + 1, 0, []
    for level in reversed(range(LEVELS)):
        if remaining >> level & 1:
            spans.append(_span_iri(level, start >> level))
            start += 1 << level
    return spans


def graphs_known_on(native, date: datetime.date) -> list:
    """The named graphs of the view on ``date``: the timeless graph and the spans up to it that exist."""
    existing = {graph.value for graph in native.named_graphs()}
    return [pyoxigraph.NamedNode(TIMELESS), *(pyoxigraph.NamedNode(i) for i in spans_up_to(date) if i in existing)]


class _DatedNative:
    """The pyoxigraph store, with every query answered against the graphs known on one date."""

    def __init__(self, native, graphs: list):
        self.undated, self._graphs = native, graphs

    def query(self, text, **options):
        return self.undated.query(text, default_graph=self._graphs, **options)

    def __getattr__(self, name):
        return getattr(self.undated, name)


def as_of_view(store, value, indexed: dict | None = None) -> "AsOfStore":
    """The same store, answering as it stood on ``value`` (an ISO date). A read-only persisted store is
    indexed in an in-memory copy, kept in ``indexed`` (a :class:`~minegraph.store.session.Session`'s) when
    given, so that the views of one session share one copy."""
    date = parse_date(value)
    if not isinstance(store, OxigraphStore):
        raise StoreError(f"--as-of needs the Oxigraph engine (the store is {store.describe()})")
    native = store.native
    if isinstance(native, _DatedNative):
        native = native.undated
    if not _partitioned(native):
        try:
            partition(native)
        except (OSError, RuntimeError):  # the persisted store is opened read-only: index an in-memory load
            native = _indexed_memory_store(store, {} if indexed is None else indexed)
    return AsOfStore(native, date, store)


def _indexed_memory_store(store, indexed: dict):
    """An in-memory copy of the persisted store with the as-of index (once per ``indexed``); the
    persisted store itself stays lean, so loads and plain queries pay nothing for time travel."""
    key = str(store.location)
    if key not in indexed:
        native = OxigraphStore.from_quads(
            store.native.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
        ).native
        partition(native)
        indexed[key] = native
    return indexed[key]


class AsOfStore(OxigraphStore):
    """The Oxigraph store seen on one date: same database, queries over the graphs known then."""

    def __init__(self, native, date: datetime.date, base: OxigraphStore):
        super().__init__(
            _DatedNative(native, graphs_known_on(native, date)),
            location=base.location,
            allow_service=base.allow_service,
        )
        self.as_of, self._base = date, base

    def graph(self) -> Graph:
        """The triples known on the date, as an rdflib graph."""
        graph = bind_prefixes(Graph())
        for triple in self._run("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT").triples:
            graph.add(triple)
        return graph

    def dump(self) -> bytes:
        return self.graph().serialize(format="nt", encoding="utf-8")

    def dump_to(self, path: Path) -> Path:
        Path(path).write_bytes(self.dump())
        return Path(path)

    def describe(self) -> str:
        return f"{self._base.describe()} as of {self.as_of.isoformat()}"

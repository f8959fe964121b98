"""Running queries: library queries by name with typed parameters, ad-hoc SPARQL, labels for display.

The Python face of the query layer (``minegraph.query``, ``minegraph.run_query``); the CLI
(``minegraph query``, ``minegraph sparql``) calls the same functions. Two paths: ``run_query``,
``run_sparql`` and ``execute`` evaluate in-process by default (no per-call overhead); given a
``timeout`` or ``max_rows`` — as ``query``, ``minegraph.sparql`` and the CLI always do — a local
Oxigraph query runs in a worker process killed at the deadline (:mod:`minegraph.store.bounded`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import URIRef

from minegraph.core.namespaces import PREFIXES
from minegraph.errors import QueryError
from minegraph.queries.checked import recall, record
from minegraph.queries.library import (
    QueryDef,
    find_query,
    internal_query,
    internal_query_files,
    load_query,
    query_files,
)
from minegraph.querylang.guard import check as guard
from minegraph.querylang.results import QueryResult
from minegraph.querylang.terms import to_sparql
from minegraph.querylang.text import query_form, remember_accepted, undeclared_prefixes, without_defaults
from minegraph.store import Store
from minegraph.store.rows import RowStream
from minegraph.store.session import default_session
from minegraph.store.supervised import DEFAULT_TIMEOUT


def _project(project):
    return default_session(project).project


def default_store(project=None) -> Store:
    """The default session's store: the project's persisted Oxigraph store, reopened only when
    ontology/ or graph/ changed (:class:`minegraph.store.session.Session`)."""
    return default_session(project).store


def run_query(
    name: str,
    params: Mapping[str, object] | None = None,
    *,
    store: Store | None = None,
    project=None,
    as_of=None,
    timeout: float | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a library query (or an ``.rq`` file) with its parameters bound as typed RDF terms;
    ``as_of`` (an ISO date) answers against what was known on that date (:mod:`minegraph.store.asof`).
    In-process unless ``timeout`` (seconds) or ``max_rows`` is given (then bounded, see :func:`stream`)."""
    session = default_session(project)
    definition = find_query(session.project, name)
    store = store or session.store
    if as_of is not None:
        store = session.as_of(as_of, store)
    return execute(definition, params, store, timeout=timeout, max_rows=max_rows)


def execute(
    definition: QueryDef,
    params: Mapping[str, object] | None,
    store: Store,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    bound: Mapping | None = None,
) -> QueryResult:
    """Run an already loaded library query on ``store`` (in-process unless bounded by ``timeout``/``max_rows``);
    ``bound``: the parameters already bound (``definition.bind(params)``), so they are not bound twice."""
    if timeout is None and max_rows is None:
        return _library_query(
            store, definition.text, bound if bound is not None else definition.bind(params), source=str(definition.path)
        )
    return stream(definition, params, store, timeout=timeout, max_rows=max_rows, bound=bound).to_result()


def execute_for_each(
    definition: QueryDef, name: str, values: Iterable[object], store: Store, params: Mapping[str, object] | None = None
) -> dict[object, list[dict]]:
    """The rows of ``definition`` for each of ``values`` of its parameter ``name``, as one call per value
    gives them (in its order), from one evaluation: the parameter's defaults block dropped and the values
    joined in a trailing VALUES block. For a query that projects the parameter (each row says its value)."""
    param = next((p for p in definition.params if p.name == name), None)
    if param is None:
        raise ValueError(f"query {definition.name} has no parameter {name}")
    values = list(dict.fromkeys(values))  # a value twice in VALUES would join twice
    answers: dict[object, list[dict]] = {value: [] for value in values}
    if not values:
        return answers
    terms = {str(param.term(value)): value for value in values}
    bound = {k: v for k, v in definition.bind({**(params or {}), name: values[0]}).items() if k != name}
    result = _library_query(
        store,
        without_defaults(definition.text, {name}),
        bound,
        source=str(definition.path),
        values=(name, [param.term(value) for value in values]),
    )
    if name not in result.variables:
        raise ValueError(f"query {definition.name} does not project its parameter {name}")
    for row in result.rows:
        answers[terms[str(row[name])]].append(row)
    return answers


def stream(
    definition: QueryDef,
    params: Mapping[str, object] | None,
    store: Store,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = None,
    bound: Mapping | None = None,
) -> RowStream:
    """A library query's rows as they come, within ``timeout`` seconds (local Oxigraph: a worker process
    SIGKILLed at the deadline) and at most ``max_rows`` of them (``truncated`` says when cut)."""
    recall(definition.text, store)
    rows = store.stream(
        definition.text,
        bound if bound is not None else definition.bind(params),
        source=str(definition.path),
        timeout=timeout,
        max_rows=max_rows,
    )
    record(definition.text, store)
    return rows


def _library_query(
    store: Store, text: str, bindings: Mapping, *, timeout: float | None = None, **options
) -> QueryResult:
    """``store.query`` of a library text (``store.stream`` given ``timeout``), which a record beside the store
    may show checked already (:mod:`minegraph.queries.checked`); a text that passed is recorded."""
    recall(text, store)
    if timeout is None:
        result = store.query(text, bindings, **options)
    else:
        result = store.stream(text, bindings, timeout=timeout, **options).to_result()
    record(text, store)
    return result


def query(
    name: str, /, *, as_of=None, timeout: float | None = DEFAULT_TIMEOUT, max_rows: int | None = None, **params
) -> QueryResult:
    """``minegraph.query("in-force-on-date", date="2025-01-01")``: rows as dicts (``.to_dataframe()``);
    ``as_of="2025-05-01"`` answers as the graph stood on that date. Bounded: stopped (QueryTimeout) after
    ``timeout`` seconds, cut at ``max_rows`` rows (then ``result.truncated`` is True)."""
    return run_query(name, params, as_of=as_of, timeout=timeout, max_rows=max_rows)


def run_sparql(
    text: str,
    *,
    store: Store | None = None,
    project=None,
    complete_prefixes: bool = True,
    source: str | None = None,
    timeout: float | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """Run ad-hoc SPARQL text; minegraph's prefixes (``mg:``, ``state:``…) need no PREFIX lines.
    In-process unless ``timeout`` or ``max_rows`` is given (then bounded, see :func:`stream_sparql`)."""
    text, store = prepare_sparql(text, store, project, complete_prefixes, source)
    if timeout is None and max_rows is None:
        return store.query(text, source=source)
    return store.stream(text, source=source, timeout=timeout, max_rows=max_rows).to_result()


def stream_sparql(
    text: str,
    *,
    store: Store | None = None,
    project=None,
    source: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = None,
) -> RowStream:
    """Ad-hoc SPARQL's rows as they come, bounded as :func:`stream` is (the parse, in the worker, by ``timeout`` too)."""
    text, store = prepare_sparql(text, store, project, True, source, timeout)
    return store.stream(text, source=source, timeout=timeout, max_rows=max_rows)


def prepare_sparql(
    text: str, store: Store | None, project, complete_prefixes: bool, source: str | None, timeout: float | None = None
) -> tuple[str, Store]:
    """The text to run (refused first if unsafe; missing PREFIX lines added) and the store to run it on.
    With ``timeout`` the parse runs where the store evaluates bounded queries (Oxigraph: its worker)."""
    guard(text, allow_service=getattr(store, "allow_service", False))  # before any parse: limits, SERVICE, updates
    form = query_form(text)
    if store is None:
        store = default_store(project)
    if complete_prefixes:
        # positions refer to the text as typed; parsed, never evaluated
        store.check(text, source=source, prefixes=PREFIXES, timeout=timeout)
        missing = undeclared_prefixes(text, PREFIXES)
        text = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in missing.items()) + text
        remember_accepted(text, form, store.allow_service)  # declaring prefixes it uses changes nothing else
    return text, store


def list_queries(project=None, internal: bool = False) -> list[QueryDef | Exception]:
    """Every library query (and, with ``internal``, the package's own), in name order; a file that
    cannot be read is listed as its error."""
    entries: list[QueryDef | Exception] = []
    for path in query_files(_project(project)) + (internal_query_files() if internal else []):
        try:
            entries.append(load_query(path))
        except QueryError as exc:
            entries.append(exc)
    return entries


def result_iris(result: QueryResult) -> set[str]:
    """IRIs a table would show (columns with a ``?xLabel`` companion excepted), read without converting."""
    if result.is_graph:
        return result.iris()
    labelled = {n[: -len("Label")] for n in result.variables if n.endswith("Label")}
    return result.iris([n for n in result.variables if n not in labelled])


#: Characters of IRIs per labels query (the VALUES block is added after the check; a bound keeps a remote
#: endpoint's request small).
_LABEL_BLOCK = 20_000


def fetch_labels(store: Store, iris: Iterable[str], timeout: float | None = None) -> dict[str, str]:
    """``rdfs:label`` of each IRI in hand that has one (English first, then untagged, then any), as
    strings: ``labels-of`` asked for these IRIs only (a VALUES block per few hundred). In-process, or,
    given ``timeout``, bounded as a streamed answer is (parsed and run in the same worker)."""
    definition = internal_query("labels-of")
    found: dict[str, tuple[int, str]] = {}
    for block in _blocks(sorted(i for i in set(iris) if _spellable(i))):
        nodes = ("node", map(URIRef, block))
        labelled = _library_query(
            store, definition.text, {}, source=str(definition.path), values=nodes, timeout=timeout
        )
        for row in labelled.rows:
            language = (row["language"] or "").lower()
            rank = (0 if language.startswith("en") else 1 if not language else 2, str(row["label"]))
            if row["node"] not in found or rank < found[row["node"]]:
                found[row["node"]] = rank
    return {iri: rank[1] for iri, rank in found.items()}


def _blocks(iris: list[str]) -> Iterable[list[str]]:
    block, size = [], 0
    for iri in iris:
        if block and size + len(iri) > _LABEL_BLOCK:
            yield block
            block, size = [], 0
        block.append(iri)
        size += len(iri) + 3
    if block:
        yield block


def _spellable(iri: str) -> bool:
    try:
        to_sparql(URIRef(iri))
    except ValueError:
        return False
    return True

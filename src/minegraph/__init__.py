"""minegraph: a linked-data knowledge graph of the Anti-Personnel Mine Ban Convention.

Data flows one way: sources (curation/) → RDF graph (graph/*.ttl) → store → validation,
queries, analysis and export.

Querying from Python (imports stay lazy: ``import minegraph`` loads nothing heavy)::

    import minegraph
    rows = minegraph.query("in-force-on-date", date="2025-01-01")   # list-like of dicts
    rows = minegraph.query("who-said-what", as_of="2025-04-10")      # as known then (0 rows on 04-09)
    rows = minegraph.sparql("SELECT * { ?s ?p ?o }", timeout=5, max_rows=100)  # rows.truncated: cut?
    frame = rows.to_dataframe()                                       # needs pandas
    report = minegraph.validate()                                     # shapes + checks
    card = minegraph.trace("downward spiral")                         # provenance of a statement
    analysis = minegraph.network()                                    # the stance network and its measures

Every call without a ``store`` runs on the default session (``minegraph.session()``): the project's store,
opened once and reopened when graph/ changes, and its as-of views; ``minegraph.session().close()``
releases them. ``with minegraph.Session(project) as s: minegraph.run_query(..., store=s.store)`` gives a
lifetime of one's own.

Packages, bottom layer first (each imports only its own layer and those below; docs/architecture.md):
``core`` → ``querylang`` → ``assemble``, ``store`` → ``queries`` → ``validation``, ``provenance`` →
``analysis`` → ``report`` → ``ingest``, ``publish``, ``bench``, ``scaleout`` → ``cli``; ``errors`` holds the
typed errors every layer raises.
"""

from minegraph._version import __version__ as __version__


def query(name, /, *, as_of=None, timeout=60, max_rows=None, **params):
    """Run the library query ``name`` on the project's graph; parameters as keywords; ``as_of`` a date.
    Bounded: in a worker process killed after ``timeout`` seconds (QueryTimeout), cut at ``max_rows``
    rows (``result.truncated`` then says so)."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.queries.run import query as _query

    return _query(name, as_of=as_of, timeout=timeout, max_rows=max_rows, **params)


def run_query(name, params=None, *, store=None, project=None, as_of=None, timeout=None, max_rows=None):
    """Run the library query ``name`` (or an ``.rq`` path) with ``params`` (name → value), as of a date if given.
    In-process (fastest, unbounded) unless ``timeout`` or ``max_rows`` is given."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.queries.run import run_query as _run_query

    return _run_query(name, params, store=store, project=project, as_of=as_of, timeout=timeout, max_rows=max_rows)


def sparql(text, *, store=None, project=None, timeout=60, max_rows=None):
    """Run ad-hoc SPARQL; minegraph's prefixes need no PREFIX lines. Bounded as :func:`query` is
    (``run_sparql`` in :mod:`minegraph.queries.run` is the unbounded in-process road)."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.queries.run import run_sparql

    return run_sparql(text, store=store, project=project, timeout=timeout, max_rows=max_rows)


def session(project=None):
    """The default session of ``project`` (the store, its as-of views and caches, closed by ``close()``)."""
    # lazy: `import minegraph` loads nothing heavy
    from minegraph.store.session import default_session

    return default_session(project)


def __getattr__(name):
    if name == "Session":  # the class, loaded when asked for: ``import minegraph`` stays light
        # lazy: `import minegraph` loads nothing heavy
        from minegraph.store.session import Session

        return Session
    raise AttributeError(f"module 'minegraph' has no attribute {name!r}")


def open_store(project=None, endpoint=None, engine="oxigraph", **options):
    """A store to query: the project's Oxigraph store, rdflib, or a remote SPARQL endpoint."""
    # lazy: `import minegraph` loads nothing heavy
    from minegraph.store import open_store as _open_store

    return _open_store(project, endpoint, engine, **options)


def validate(project=None, **options):
    """Validate the project's graph against the shapes and the extra checks; a ValidationReport."""
    # lazy: `import minegraph` loads nothing heavy
    from minegraph.core.project import find_project
    from minegraph.validation import validate as _validate

    return _validate(project or find_project(), **options)


def trace(target, *, store=None, project=None):
    """The provenance card of a statement, actor or decision, found by IRI or by words of it."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.provenance.resolve import check_search_text
    from minegraph.provenance.resolve import trace as _trace

    if isinstance(target, str):
        check_search_text(target)  # before the store is opened
    current = session(project)
    return _trace(store or current.store, target, current.project)


def network(*, store=None, project=None, seed=1):
    """The debate's graphs (stance, agreement, reported, membership) with centralities and coalitions."""
    # lazy: pulls in networkx (~200 ms), rdflib (~170 ms), only on this path
    from minegraph.analysis.graphs import analyse

    current = session(project)
    return analyse(store or current.store, current.project, seed=seed)

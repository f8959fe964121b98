"""minegraph: a linked-data knowledge graph of the Anti-Personnel Mine Ban Convention.

Data flows one way: sources (curation/) → RDF graph (graph/*.ttl) → store → validation,
queries, analysis and export.

Querying from Python (imports stay lazy: ``import minegraph`` loads nothing heavy)::

    import minegraph
    rows = minegraph.query("in-force-on-date", date="2025-01-01")   # list-like of dicts
    rows = minegraph.query("who-said-what", as_of="2025-04-09")      # the graph as it stood then
    frame = rows.to_dataframe()                                       # needs pandas
"""

__version__ = "0.1.0"


def query(name, /, **params):
    """Run the library query ``name`` on the project's graph; parameters as keywords."""
    from .queries import query as _query

    return _query(name, **params)


def run_query(name, params=None, *, store=None, project=None, as_of=None):
    """Run the library query ``name`` (or an ``.rq`` path) with ``params`` (name → value), as of a date if given."""
    from .queries import run_query as _run_query

    return _run_query(name, params, store=store, project=project, as_of=as_of)


def sparql(text, *, store=None, project=None):
    """Run ad-hoc SPARQL; minegraph's prefixes need no PREFIX lines."""
    from .queries import run_sparql

    return run_sparql(text, store=store, project=project)


def open_store(project=None, endpoint=None, engine="oxigraph", **options):
    """A store to query: the project's Oxigraph store, rdflib, or a remote SPARQL endpoint."""
    from .store import open_store as _open_store

    return _open_store(project, endpoint, engine, **options)

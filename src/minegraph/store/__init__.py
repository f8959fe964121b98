"""Where queries run: embedded Oxigraph (default, persisted in ``.store/``), rdflib, or a remote
SPARQL 1.1 endpoint, behind one :class:`~minegraph.store.base.Store` interface — the one front door to data.

The factory lives here, apart from the base class, so that no engine module imports another. Modules: ``base``
(the interface), ``oxigraph``, ``memory`` (rdflib) and ``remote`` (the engines), ``cache`` (the persisted
store, never stale), ``database`` (a persisted database opened read-only), ``bounded`` and ``supervised``
(deadlines and row caps that really stop the work), ``rows`` (answers in batches), ``knowledge`` and ``asof``
(the graph as known on a date), ``session`` (one project's store and views with one lifetime).
May import core and querylang."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from minegraph.errors import QueryError

if TYPE_CHECKING:
    from minegraph.store.base import Progress, Store

__all__ = ["ENGINES", "Store", "open_store", "persisted_store"]


def __getattr__(name: str):
    """``Store``, ``ENGINES`` and ``Progress`` load the engines' base (and rdflib) only when asked for,
    so that a query worker importing :mod:`minegraph.store.bounded` starts light."""
    if name in ("ENGINES", "Progress", "Store"):
        # lazy: each engine loads when it is chosen
        from minegraph.store import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def persisted_store(
    project, location: Path | None = None, progress: Progress | None = None, rebuild: bool = True, **options
):
    """The project's Oxigraph store on disk (default ``.store/``), rebuilt first if stale or corrupt."""
    # lazy: each engine loads when it is chosen
    from minegraph.store.cache import open_current
    from minegraph.store.oxigraph import OxigraphStore

    store, path = open_current(project, location, progress=progress, rebuild=rebuild)
    return OxigraphStore(store, location=path, **options)


def open_store(
    project=None,
    endpoint: str | None = None,
    engine: str = "oxigraph",
    *,
    persist: bool = True,
    location: Path | None = None,
    graph: str | None = None,
    timeout: float = 60,
    progress: Progress | None = None,
    allow_service: bool = False,
) -> Store:
    """The store to query: a remote endpoint if given, else the project's files on ``engine``.

    Oxigraph is persisted in ``.store/`` (``location``) unless ``persist=False``.
    """
    if endpoint:
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.store.remote import RemoteStore

        return RemoteStore(endpoint, graph=graph, timeout=timeout, allow_service=allow_service)
    # lazy: each engine loads when it is chosen
    from minegraph.store.base import ENGINES

    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if project is None:
        # lazy: each engine loads when it is chosen
        from minegraph.core.project import find_project

        project = find_project()
    if engine == "rdflib":
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.store.memory import RdflibStore

        return RdflibStore.memory(project.all_rdf_files(), progress, allow_service=allow_service)
    if persist:
        return persisted_store(project, location, progress, allow_service=allow_service)
    # lazy: each engine loads when it is chosen
    from minegraph.store.oxigraph import OxigraphStore

    return OxigraphStore.memory(project.all_rdf_files(), progress, allow_service=allow_service)

"""A session: one project's open store, its as-of views and their index, with one lifetime.

``with Session(project) as session: session.store.query(...)`` opens the project's persisted store on
first use and keeps it while its inputs are unchanged (one stat per file decides; else their digest),
answers ``session.as_of("2025-04-10")`` from one in-memory as-of index, and releases all of it on
:meth:`Session.close`. The facade (``minegraph.query`` …) and the CLI use :func:`default_session`.
"""

from __future__ import annotations

from minegraph.core.project import find_project
from minegraph.store import open_store
from minegraph.store.base import Store


class Session:
    """The store, the as-of views and the as-of index of one project, closed together."""

    def __init__(self, project=None, *, store: Store | None = None):
        if project is None:
            project = find_project()
        self.project = project
        self._store = store
        self._own = store is None  # a store handed in is the caller's to close
        self._inputs: tuple | None = None
        self._digest: str | None = None
        self._views: dict = {}  # date -> the view of the session's own store
        self._indexed: dict[str, object] = {}  # the as-of index's in-memory copies, by store location

    @property
    def store(self) -> Store:
        """The project's store: opened on first use, reopened when ontology/ or graph/ changed."""
        if not self._own:
            return self._store
        # lazy: ~60 ms of imports, only on this path
        from minegraph.store.cache import current_digest, input_identities

        identities = input_identities(self.project)
        if self._store is not None and identities == self._inputs:
            return self._store
        digest = current_digest(self.project)
        if self._store is None or digest != self._digest:
            self._forget()
            self._store, self._digest = open_store(self.project), digest
        self._inputs = identities
        return self._store

    def as_of(self, value, store: Store | None = None) -> Store:
        """``store`` (default: :attr:`store`, whose views are kept, one per date) as it stood on ``value``
        (an ISO date); a read-only store's as-of index is built once per session."""
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.store.asof import as_of_view, parse_date

        if store is not None and store is not self._store:
            return as_of_view(store, value, self._indexed)
        store, day = self.store, parse_date(value)
        if day not in self._views:
            self._views[day] = as_of_view(store, day.isoformat(), self._indexed)
        return self._views[day]

    def _forget(self) -> None:
        self._views.clear()
        self._indexed.clear()
        if self._own and self._store is not None:
            self._store.close()
        self._store = None

    def close(self) -> None:
        """Release the store (if the session opened it), the views and the index."""
        self._forget()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        state = self._store.describe() if self._store is not None else "not opened"
        return f"<Session {self.project.root} ({state})>"


_DEFAULT: dict[str, Session] = {}


def default_session(project=None) -> Session:
    """The process's session for ``project`` (default: the project found from the working directory)."""
    session = Session(project) if project is None else None
    project = session.project if session is not None else project
    key = str(project.root)
    if key not in _DEFAULT:
        _DEFAULT[key] = session or Session(project)
    return _DEFAULT[key]


def close_default_sessions() -> None:
    """Close every default session (their stores are reopened on next use)."""
    while _DEFAULT:
        _DEFAULT.popitem()[1].close()

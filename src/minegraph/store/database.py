"""A persisted Oxigraph database opened by path, read-only: the query workers' door to the data.

Light on purpose (no rdflib): the endpoint's workers and the bounded-query worker import it at start.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph


def read_only(database: str | Path):
    """The database as a bare ``pyoxigraph.Store``, read-only (the workers serialise straight from it);
    several processes may hold it at once."""
    return pyoxigraph.Store.read_only(str(database))

"""Rows of a trace query: one of the package's internal queries, parameters bound as typed RDF terms."""

from __future__ import annotations

from minegraph.queries.library import internal_query
from minegraph.queries.run import execute


def select(store, name: str, **params) -> list[dict]:
    """Rows (Python values) of the internal query ``name`` (``queries/internal/NAME.rq``) with ``params``."""
    return execute(internal_query(name), params, store).rows

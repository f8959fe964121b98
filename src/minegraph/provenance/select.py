"""Rows of a trace query, with minegraph's prefixes and parameters bound as RDF terms."""

from __future__ import annotations

from minegraph.core.namespaces import sparql_prologue
from minegraph.queries.run import run_sparql


def select(store, text: str, **bindings) -> list[dict]:
    """Rows (Python values) of a SELECT with minegraph's prefixes and ``bindings`` (name → term)."""
    if not bindings:
        return run_sparql(text, store=store).rows
    return store.query(sparql_prologue() + text, bindings).rows

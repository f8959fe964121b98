"""Provenance: trace a statement, actor or decision back to what the graph says about it and where from.

Modules: ``resolve`` (an IRI, prefixed name or words → the node traced), ``select`` (rows of the trace
queries, ``queries/internal/*.rq``), ``cards`` (the provenance card of one statement
or claim), ``render`` (cards as text, JSON and Turtle). May import core, querylang, store and queries."""

"""Entity jobs of a query worker: an entity's RDF document and the data of its HTML page.

The queries are ``.rq`` files beside this module, with the entity bound as an RDF term by
SEP-0007 substitution (:func:`minegraph.querylang.text.substitute`), never pasted as text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

QUERIES = Path(__file__).with_name("queries")
_CARD_KINDS = ("statement", "claim")


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    from minegraph.queries.library import package_query  # lazy: on first use, so the worker starts light

    return package_query(QUERIES, name).text


def _bound(name: str, iri: str) -> str:
    # lazy: rdflib (~170 ms); the query worker starts light
    from rdflib import URIRef

    from minegraph.querylang.text import substitute

    return substitute(query_text(name), {"entity": URIRef(iri)})


def _term(term) -> dict | None:

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "iri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    return {"type": "literal", "value": term.value, "language": term.language, "datatype": term.datatype.value}


def links(evaluator, iri: str) -> list[dict]:
    """Rows of ``entity-links.rq`` as plain dicts (picklable, for the pipe)."""
    names = ("direction", "property", "propertyLabel", "other", "otherLabel")
    return [{n: _term(row[n]) for n in names} for row in evaluator.store.query(_bound("entity-links", iri))]


def card(evaluator, project_root: str, iri: str) -> dict | None:
    """The statement's trace card (``minegraph.provenance.cards``), or None when it is not traceable."""
    # lazy: the query worker starts light; pulls in rdflib (~170 ms), only on this path
    from minegraph.core.project import Project
    from minegraph.errors import TraceError
    from minegraph.provenance.cards import statement_card
    from minegraph.store.oxigraph import OxigraphStore

    try:
        return statement_card(OxigraphStore(evaluator.store), iri, Project(Path(project_root))).to_dict()
    except TraceError:
        return None


def search(evaluator, words: str, kind: str | None) -> list[dict]:
    """Rows of ``search.rq`` (label match, best first) as plain dicts."""
    # lazy: rdflib (~170 ms); the query worker starts light
    from rdflib import Literal, URIRef

    from minegraph.querylang.text import substitute

    bindings = {"words": Literal(words.lower())} | ({"kind": URIRef(kind)} if kind else {})
    text = substitute(query_text("search"), bindings)
    return [{n: _term(row[n]) for n in ("entity", "label", "class")} for row in evaluator.store.query(text)]


def index(evaluator, namespace: str, offset: int, size: int) -> list[dict]:
    """One page of ``kind-index.rq``: ``size`` + 1 rows from ``offset`` (the extra row says there is more)."""
    # lazy: rdflib (~170 ms); the query worker starts light
    from rdflib import Literal

    from minegraph.querylang.text import substitute

    text = substitute(query_text("kind-index"), {"namespace": Literal(namespace)})
    text += f"\nLIMIT {int(size) + 1} OFFSET {int(offset)}"
    return [{n: _term(row[n]) for n in ("entity", "label")} for row in evaluator.store.query(text)]


def handle(evaluator, project_root: str, job: dict) -> dict:
    """Answer a ``describe`` (RDF document) or ``page`` (HTML data) job; 404 for an unknown entity."""
    # lazy: the query worker starts light
    from .capped import serialise_triples

    if job["kind"] == "search":
        return {"status": 200, "rows": search(evaluator, job["words"], job.get("class"))}
    if job["kind"] == "index":
        return {"status": 200, "rows": index(evaluator, job["namespace"], job["offset"], job["size"])}
    iri = job["iri"]
    if job["kind"] == "describe":
        triples = evaluator.store.query(_bound("entity-description", iri))
        body, rows, truncated = serialise_triples(triples, job["format"], job["max_rows"], evaluator.prefixes)
        if rows == 0:
            return {"status": 404, "error": "unknown", "message": f"nothing is known about <{iri}>"}
        return {"status": 200, "body": body, "rows": rows, "truncated": truncated}
    if job["kind"] == "page":
        rows = links(evaluator, iri)
        if not rows:
            return {"status": 404, "error": "unknown", "message": f"nothing is known about <{iri}>"}
        shown = card(evaluator, project_root, iri) if job.get("entity_kind") in _CARD_KINDS else None
        return {"status": 200, "links": rows, "card": shown}
    return {"status": 400, "error": "job", "message": f"unknown job {job['kind']!r}"}

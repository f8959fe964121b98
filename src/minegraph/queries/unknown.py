"""Parameters that name nothing: an IRI given with ``--param`` that occurs nowhere in the graph (a misspelled
class gives 0 rows, silently) is worth a warning, with the closest ontology term when one is close."""

from __future__ import annotations

import difflib

from minegraph.core.namespaces import PREFIXES

from .library import QueryDef, internal_query


def _compact(iri: str) -> str:
    best = max(((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda pn: len(pn[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else f"<{iri}>"


def unknown_iri_warnings(definition: QueryDef, given: dict[str, str], store) -> list[str]:
    """One warning per IRI parameter the user gave that occurs in no triple of ``store``."""
    bound = definition.bind(given)
    iri_params = [p.name for p in definition.params if p.type == "iri" and p.name in given]
    warnings, terms = [], None
    for name in iri_params:
        iri = bound[name]
        if store.query(internal_query("trace-node-exists").text, {"node": iri}):
            continue
        if terms is None:
            terms = {_compact(r["term"]): r["term"] for r in store.query(internal_query("ontology-terms").text)}
        close = difflib.get_close_matches(_compact(str(iri)), list(terms), n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]}?" if close else ""
        warnings.append(
            f"--param {name}={given[name]}: {_compact(str(iri))} occurs nowhere in the graph, "
            f"so the answer may be empty{hint}"
        )
    return warnings

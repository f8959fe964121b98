"""``references``, ``terms``, ``identifiers``, ``date-bounds``, ``intervals``, ``assertion-dates``: checks of
the graph alone, each one query; Python only groups rows and words messages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from .base import CheckFinding, Context, check, text

#: How many other users of a dangling IRI a message names before it only counts them.
NAMED_USERS = 3


def _order(node) -> tuple:
    return (isinstance(node, ox.BlankNode), text(node))


def unknown_iris(context: Context, position: str) -> list[tuple]:
    """(iri, subject, predicate) of the data triples (not the ontology's) using an unknown IRI at ``position``."""
    uses = context.shared("unknown-iris", lambda: [  # references and terms share the one scan of every triple
        (row["iri"], use) for row in context.select("unknown-iris") for use in context.select("unknown-iri-uses", iri=row["iri"])])
    rows = []
    for iri, use in uses:
        if use["position"].value != position:
            continue
        subject, via = use["subject"], use["via"]
        triple = (subject, via, iri) if position == "object" else (subject, iri, via)
        if not context.is_ontology_triple(*triple):
            rows.append((iri, subject, triple[1]))
    return rows


@check("references")
def no_dangling_iris(context: Context) -> Iterator[CheckFinding]:
    users: dict = defaultdict(set)
    for iri, subject, predicate in unknown_iris(context, "object"):
        users[iri].add((subject, predicate))
    for iri in sorted(users, key=_order):
        (subject, predicate), *others = sorted(users[iri], key=lambda u: (_order(u[0]), _order(u[1])))
        message = f"<{iri.value}> is described nowhere (no triple has it as subject) and is not an allowed external IRI"
        if others:
            named = ", ".join(f"<{text(s)}>" for s, _ in others[:NAMED_USERS])
            more = f" and {len(others) - NAMED_USERS} more" if len(others) > NAMED_USERS else ""
            message += f"; also used by {len(others)} other subject(s): {named}{more}"
        yield CheckFinding("references", message, text(subject), predicate.value)


@check("terms")
def properties_are_declared(context: Context) -> Iterator[CheckFinding]:
    first_use: dict = {}
    for predicate, subject, _ in unknown_iris(context, "predicate"):
        if predicate not in first_use or _order(subject) < _order(first_use[predicate]):
            first_use[predicate] = subject
    for predicate in sorted(first_use, key=_order):
        yield CheckFinding("terms", f"The property <{predicate.value}> is not declared in the ontology and is not from "
                           "a reused vocabulary", text(first_use[predicate]), predicate.value)


@check("identifiers")
def iris_match_identifiers(context: Context) -> Iterator[CheckFinding]:
    for row in context.select("identifiers"):
        yield CheckFinding("identifiers", f"The IRI <{text(row['node'])}> is not the one its identifier "
                           f"{row['value'].value!r} gives: <{row['expected'].value}>", text(row["node"]), row["property"].value)


@check("date-bounds")
def bounds_in_order(context: Context) -> Iterator[CheckFinding]:
    for row in context.select("date-bounds"):
        yield CheckFinding("date-bounds", row["message"].value, text(row["node"]), row["property"].value)


@check("intervals")
def intervals_in_order(context: Context) -> Iterator[CheckFinding]:
    for row in context.select("intervals"):
        yield CheckFinding("intervals", row["message"].value, text(row["interval"]), row["property"].value)


@check("assertion-dates")
def assertions_not_after_documents(context: Context) -> Iterator[CheckFinding]:
    for row in context.select("assertion-dates"):
        yield CheckFinding("assertion-dates", f"The assertion is dated {row['said'].value}, after the document it appears "
                           f"in was published ({row['published'].value})", text(row["assertion"]), row["property"].value)

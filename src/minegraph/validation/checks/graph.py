"""Wordings of the checks of the graph alone: ``references``, ``terms``, ``identifiers``, ``date-bounds``,
``intervals``, ``assertion-dates`` and ``preferred-source``; Python only groups rows and words messages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from .context import Context, finding, text, wording

#: How many other users of a dangling IRI a message names before it only counts them.
NAMED_USERS = 3


def _order(node) -> tuple:
    return (isinstance(node, ox.BlankNode), text(node))


def data_rows(context: Context, rows) -> list:
    """The rows whose triple (?focus ?path ?value) is the data's, not the ontology's."""
    return [row for row in rows if not context.is_ontology_triple(row["focus"], row["path"], row["value"])]


@wording("references")
def no_dangling_iris(context: Context, rows) -> Iterator:
    users: dict = defaultdict(set)
    for row in data_rows(context, rows):
        users[row["value"]].add((row["focus"], row["path"]))
    for iri in sorted(users, key=_order):
        (subject, predicate), *others = sorted(users[iri], key=lambda u: (_order(u[0]), _order(u[1])))
        message = f"<{iri.value}> is described nowhere (no triple has it as subject) and is not an allowed external IRI"
        if others:
            named = ", ".join(f"<{text(s)}>" for s, _ in others[:NAMED_USERS])
            more = f" and {len(others) - NAMED_USERS} more" if len(others) > NAMED_USERS else ""
            message += f"; also used by {len(others)} other subject(s): {named}{more}"
        yield finding(message, subject, predicate)


@wording("terms")
def properties_are_declared(context: Context, rows) -> Iterator:
    first_use: dict = {}
    for row in data_rows(context, rows):
        predicate, subject = row["path"], row["focus"]
        if predicate not in first_use or _order(subject) < _order(first_use[predicate]):
            first_use[predicate] = subject
    for predicate in sorted(first_use, key=_order):
        yield finding(
            f"The property <{predicate.value}> is not declared in the ontology and is not from a reused vocabulary",
            first_use[predicate],
            predicate,
        )


@wording("identifiers")
def iris_match_identifiers(context: Context, rows) -> Iterator:
    for row in rows:
        yield finding(
            f"The IRI <{text(row['focus'])}> is not the one its identifier {row['value'].value!r} gives: "
            f"<{row['expected'].value}>",
            row["focus"],
            row["path"],
        )


@wording("date-bounds")
@wording("intervals")
def message_of_the_row(context: Context, rows) -> Iterator:
    """Checks whose query words the message itself (?message)."""
    for row in rows:
        yield finding(row["message"].value, row["focus"], row["path"])


@wording("assertion-dates")
def assertions_not_after_documents(context: Context, rows) -> Iterator:
    for row in rows:
        yield finding(
            f"The assertion is dated {row['value'].value}, after the document it appears in was published "
            f"({row['published'].value})",
            row["focus"],
            row["path"],
        )


@wording("preferred-source")
def preferred_sources_rank_best(context: Context, rows) -> Iterator:
    for row in rows:
        if row["kind"].value == "not-a-source":
            message = f"The preferred source <{text(row['value'])}> (mg:preferredSource) is not one of the fact's sources (dcterms:source)"
        else:
            message = (
                f"The preferred source <{text(row['value'])}> (mg:preferredSource) has authority rank {row['rank'].value}, "
                f"but the fact's source <{row['better'].value}> ranks better ({row['betterRank'].value})"
            )
        yield finding(message, row["focus"], row["path"])

"""Generic date sanity (the order of treaty acts is checked in ``checks/treaty.py``).

* ``date-bounds``: ``mg:earliestDate`` ≤ ``mg:latestDate``, and an exact ``mg:date`` lies
  within the bounds given beside it;
* ``intervals``: an interval's beginning ≤ its end, an instant inside it lies between them,
  and an instant it ends before comes after both;
* ``assertion-dates``: an assertion is not dated after the document it appears in.

Values that are not valid ``xsd:date`` literals are skipped here: the shapes report them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from minegraph.core.namespaces import MG, SCHEMA, TIME

from . import CheckContext, Problem, check


def dates_of(g: Graph, node: Node, prop: URIRef) -> list[datetime.date]:
    """The valid xsd:date values of ``prop`` on ``node``, earliest first."""
    values = (value.toPython() for value in g.objects(node, prop) if isinstance(value, Literal))
    return sorted(v for v in values if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime))


def instant_dates(g: Graph, interval: Node, prop: URIRef) -> list[datetime.date]:
    """The dates of the instants an interval points to with ``prop``."""
    return sorted(d for instant in g.objects(interval, prop) for d in dates_of(g, instant, TIME.inXSDDate))


@check("date-bounds")
def bounds_in_order(context: CheckContext) -> Iterator[Problem]:
    """earliestDate ≤ latestDate; an exact date lies within its bounds."""
    g = context.graph
    for node in sorted(set(g.subjects(MG.earliestDate, None)) | set(g.subjects(MG.latestDate, None))):
        earliest, latest = dates_of(g, node, MG.earliestDate), dates_of(g, node, MG.latestDate)
        if earliest and latest and earliest[-1] > latest[0]:
            yield Problem(
                "date-bounds",
                f"The earliest date {earliest[-1]} is after the latest date {latest[0]}",
                node,
                MG.earliestDate,
            )
        for exact in dates_of(g, node, MG.date):
            if earliest and exact < earliest[-1]:
                yield Problem(
                    "date-bounds", f"The date {exact} is before the earliest date {earliest[-1]}", node, MG.date
                )
            if latest and exact > latest[0]:
                yield Problem("date-bounds", f"The date {exact} is after the latest date {latest[0]}", node, MG.date)


@check("intervals")
def intervals_in_order(context: CheckContext) -> Iterator[Problem]:
    """An interval begins before it ends; an inside instant lies within it; a 'before' instant follows it."""
    g = context.graph
    for interval in sorted(
        set(g.subjects(TIME.hasBeginning, None))
        | set(g.subjects(TIME.hasEnd, None))
        | set(g.subjects(TIME.inside, None))
        | set(g.subjects(TIME.before, None))
    ):
        begins = instant_dates(g, interval, TIME.hasBeginning)
        ends = instant_dates(g, interval, TIME.hasEnd)
        if begins and ends and begins[-1] > ends[0]:
            yield Problem(
                "intervals",
                f"The interval begins on {begins[-1]}, after it ends on {ends[0]}",
                interval,
                TIME.hasBeginning,
            )
        for inside in instant_dates(g, interval, TIME.inside):
            if (begins and inside < begins[-1]) or (ends and inside > ends[0]):
                yield Problem(
                    "intervals",
                    f"The instant {inside} inside the interval lies outside its beginning and end",
                    interval,
                    TIME.inside,
                )
        for before in instant_dates(g, interval, TIME.before):
            last_known = max([*begins, *ends], default=None)
            if last_known is not None and before <= last_known:
                yield Problem(
                    "intervals",
                    f"The interval is said to end before {before}, but it begins or ends on {last_known}",
                    interval,
                    TIME.before,
                )


@check("assertion-dates")
def assertions_not_after_documents(context: CheckContext) -> Iterator[Problem]:
    """An assertion cannot be dated after the publication of the document it appears in."""
    g = context.graph
    for assertion, document in sorted(g.subject_objects(MG.appearsIn)):
        published = dates_of(g, document, SCHEMA.datePublished)
        said = dates_of(g, assertion, MG.date) or dates_of(g, assertion, MG.earliestDate)
        if published and said and said[0] > published[-1]:
            yield Problem(
                "assertion-dates",
                f"The assertion is dated {said[0]}, after the document it appears in was published ({published[-1]})",
                assertion,
                MG.date if dates_of(g, assertion, MG.date) else MG.earliestDate,
            )

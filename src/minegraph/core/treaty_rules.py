"""Date arithmetic of the Convention's timing rules: Article 17 (entry into force) and
Article 20 (withdrawal).

The rules' parameters (months, first day of the month, the 40-instrument threshold) are data:
``curation/convention.toml`` holds them, the build writes them as ``mg:TimingRule`` nodes, and
the checks read them back from the graph with :func:`rule_from_graph`. Both paths produce the
same :class:`TimingRule`, whose methods are the only place the arithmetic is written.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal, URIRef

from minegraph.core.namespaces import MG, iri
from minegraph.errors import MinegraphError

ARTICLE_17 = iri("rule", "apmbc-article-17")
ARTICLE_20 = iri("rule", "apmbc-article-20")


class RuleError(MinegraphError):
    """A timing rule is missing from the graph or its parameters are incomplete."""


def ordinal(n: int) -> str:
    """English ordinal for messages: 1st, 2nd, 3rd, 6th, 11th, 40th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class TimingRule:
    """One treaty article that fixes a date of effect from the date of an act."""

    node: URIRef
    article: str
    months_after: int
    first_day_of_month: bool
    instrument_threshold: int | None = None

    def apply(self, start: date) -> date:
        """The date of effect of an act done on ``start``.

        ``first_day_of_month``: the first day of the n-th month after the month of ``start``
        (Article 17: "the first day of the sixth month after"); otherwise the same day n months
        later (Article 20: "six months after the receipt").
        """
        shifted = add_months(start.replace(day=1) if self.first_day_of_month else start, self.months_after)
        return shifted.replace(day=1) if self.first_day_of_month else shifted

    def threshold_deposit(self, deposits: Iterable[date]) -> date | None:
        """The date of the deposit that reached the threshold (the 40th), or None if not reached."""
        if self.instrument_threshold is None:
            raise RuleError(f"rule {self.node} has no instrument threshold (mg:instrumentThreshold)")
        ordered = sorted(deposits)
        if len(ordered) < self.instrument_threshold:
            return None
        return ordered[self.instrument_threshold - 1]

    def entry_into_force(self, deposit: date, threshold_date: date) -> tuple[date, str]:
        """Entry into force for a state that deposited on ``deposit``, and the paragraph applied.

        Article 17(1): a state that deposited on or before the date of the threshold deposit is
        bound from the treaty's own entry into force. Article 17(2): a state depositing *after
        that date* is bound from the first day of the sixth month after its own deposit.
        """
        if deposit <= threshold_date:
            return self.apply(threshold_date), f"{self.article}(1)"
        return self.apply(deposit), f"{self.article}(2)"


def rule_from_graph(graph: Graph, node: URIRef) -> TimingRule:
    """Read a timing rule's parameters from its ``mg:TimingRule`` node."""

    def one(prop: URIRef, required: bool = True):
        values = list(graph.objects(node, prop))
        if len(values) > 1:
            raise RuleError(f"timing rule {node} has {len(values)} values of {prop}; expected one")
        if not values:
            if required:
                raise RuleError(f"timing rule {node} has no {prop}")
            return None
        value = values[0]
        return value.toPython() if isinstance(value, Literal) else value

    article = one(MG.article)
    months = one(MG.monthsAfter)
    first = one(MG.firstDayOfMonth)
    threshold = one(MG.instrumentThreshold, required=False)
    if not isinstance(months, int) or not isinstance(first, bool):
        raise RuleError(f"timing rule {node}: mg:monthsAfter must be an integer and mg:firstDayOfMonth a boolean")
    return TimingRule(node, str(article), months, first, int(threshold) if threshold is not None else None)

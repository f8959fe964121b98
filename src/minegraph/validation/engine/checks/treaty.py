"""The treaty checks: act combinations, the order of acts, Articles 17 and 20. The joins over states and
acts are SPARQL; the date arithmetic of the rules too (which clamps to
the month's last day as the Convention's months do) is Python here, as in minegraph.treaty_rules: on
Oxigraph 0.5.13 a date from BIND or SAMPLE plus a duration comes back unbound. Python reads the rule and
words the messages."""

from __future__ import annotations

import calendar
import datetime
import re
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from .base import CheckFinding, Context, check, text

MG = "https://w3id.org/minegraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RULES = "https://w3id.org/minegraph/id/rule/"
ARTICLE_17, ARTICLE_20 = ox.NamedNode(RULES + "apmbc-article-17"), ox.NamedNode(RULES + "apmbc-article-20")
XSD = "http://www.w3.org/2001/XMLSchema#"


class RuleError(ValueError):
    """A timing rule is missing from the graph or its parameters are incomplete."""


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _python(value):
    """A literal's value as rdflib's toPython gives it for the rule's datatypes (integers, booleans, strings)."""
    if isinstance(value, ox.Literal):
        if value.datatype.value == XSD + "integer":
            return int(value.value)
        if value.datatype.value == XSD + "boolean":
            return value.value in ("true", "1")
        return value.value
    return value


def read_rule(context: Context, node: ox.NamedNode) -> dict:
    """The rule's parameters (article, monthsAfter, firstDayOfMonth, instrumentThreshold), as the graph gives them."""
    values: dict = defaultdict(list)
    for row in context.select("treaty-rule", rule=node):
        values[row["property"].value].append(row["value"])

    def one(name: str, required: bool = True):
        found = values.get(MG + name, [])
        if len(found) > 1:
            raise RuleError(f"timing rule {node.value} has {len(found)} values of {MG + name}; expected one")
        if not found:
            if required:
                raise RuleError(f"timing rule {node.value} has no {MG + name}")
            return None
        return found[0]

    article, months, first, threshold = (one("article"), one("monthsAfter"), one("firstDayOfMonth"),
                                         one("instrumentThreshold", required=False))
    if not isinstance(_python(months), int) or isinstance(_python(months), bool) or not isinstance(_python(first), bool):
        raise RuleError(f"timing rule {node.value}: mg:monthsAfter must be an integer and mg:firstDayOfMonth a boolean")
    return {"article": str(_python(article)), "months": months, "first": first,
            "threshold": int(_python(threshold)) if threshold is not None else None}


def apply(rule: dict, start: str) -> str:
    """The date of effect of an act done on ``start`` (ISO): the same day ``monthsAfter`` months later, clamped
    to the month's end; with ``firstDayOfMonth`` the first day of that month (as minegraph.treaty_rules)."""
    day = datetime.date.fromisoformat(start)
    first = _python(rule["first"])
    index = day.year * 12 + day.month - 1 + _python(rule["months"])
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, 1 if first else min(day.day, last)).isoformat()


def _rule(context: Context, node: ox.NamedNode, name: str):
    try:
        return read_rule(context, node), None
    except RuleError as exc:
        return None, CheckFinding(name, f"The timing rule cannot be read from the graph: {exc}", node.value)


@check("treaty-act-sequence")
def act_sequence(context: Context) -> Iterator[CheckFinding]:
    for row in context.select("treaty-act-sequence"):
        path = row["path"].value if row["path"] is not None else None
        yield CheckFinding("treaty-act-sequence", row["message"].value, text(row["focus"]), path, row["severity"].value)


ORDERS = {
    "signature-consent": "signed on {a}, after its consent to be bound was deposited on {b}",
    "consent-entry": "consented on {a}, after the Convention is recorded as entering into force for it on {b}",
    "consent-withdrawal": "consented on {a}, after depositing its instrument of withdrawal on {b}",
    "consent-suspension": "consented on {a}, after notifying a suspension on {b}",
    "deposit-effect": "deposited its instrument of withdrawal on {a}, after the withdrawal is recorded as taking effect on {b}",
}


def _day(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value.value) if value is not None else None


def spans(context: Context) -> dict:
    """(earliest, latest) possible date of each dated node: its exact date twice, or its bounds."""
    found = {}
    for row in context.select("treaty-spans"):
        exact = _day(row["exact"])
        found[row["node"]] = (exact, exact) if exact else (_day(row["earliest"]), _day(row["latest"]))
    return found


def _when(span) -> str:
    if span[0] == span[1]:
        return str(span[0])
    return f"between {span[0] or '?'} and {span[1] or '?'}"


def node_name(context: Context, node) -> str:
    """A node's sampled rdfs:label, else the last segment of its IRI (as the queries' ``?stateName``)."""
    rows = context.select("node-name", node=node)
    return rows[0]["label"].value if rows else re.sub(r"^.*/", "", node.value)


@check("treaty-dates-in-order")
def dates_in_order(context: Context) -> Iterator[CheckFinding]:
    name, known = "treaty-dates-in-order", spans(context)
    for row in context.select("treaty-act-pairs"):
        first, second = known.get(row["first"], (None, None)), known.get(row["second"], (None, None))
        if first[0] is None or second[1] is None or not first[0] > second[1]:
            continue
        order = row["order"].value
        if order == "opening":
            if first[0] == first[1]:  # an opening counts only with an exact date
                yield CheckFinding(name, f"{node_name(context, row['second'])} is dated {_when(second)}, before the "
                                   f"Convention was opened for signature on {first[0]}", text(row["second"]), MG + "date")
        elif order == "announcement":
            yield CheckFinding(name, f"{node_name(context, row['first'])} is dated {_when(first)}, after "
                               f"“{node_name(context, row['second'])}” ({_when(second)}): an announcement comes first",
                               text(row["first"]), MG + "date")
        else:
            message = f"{node_name(context, row['state'])} " + ORDERS[order].format(a=_when(first), b=_when(second))
            yield CheckFinding(name, message, text(row["second"]), MG + "date")


@check("treaty-article-20")
def article_20(context: Context) -> Iterator[CheckFinding]:
    name = "treaty-article-20"
    rule, problem = _rule(context, ARTICLE_20, name)
    if problem:
        yield problem
        return
    effects: dict = defaultdict(list)
    for row in context.select("treaty-article-20"):
        effects[(row["effect"], row["day"].value, row["stateName"].value)].append(
            (text(row["deposit"]), row["depositDate"].value, apply(rule, row["depositDate"].value)))
    for (effect, day, state), deposits in effects.items():
        deposits.sort()
        if day not in {expected for _, _, expected in deposits}:
            yield CheckFinding(name, f"{state}: the withdrawal is recorded as taking effect on {day}, but Article "
                               f"{rule['article']} gives {deposits[-1][2]}, {_python(rule['months'])} months after the "
                               f"deposit of {deposits[-1][1]}", text(effect), MG + "date")


@check("treaty-article-17")
def article_17(context: Context) -> Iterator[CheckFinding]:
    name = "treaty-article-17"
    rule, problem = _rule(context, ARTICLE_17, name)
    if problem:
        yield problem
        return
    if rule["threshold"] is None:
        yield CheckFinding(name, f"Article {rule['article']} has no instrument threshold (mg:instrumentThreshold): the "
                           "treaty's entry into force cannot be derived", ARTICLE_17.value, MG + "instrumentThreshold")
        return
    dates = sorted(row["date"].value for row in context.select("treaty-consent-dates"))
    if len(dates) < rule["threshold"]:
        yield CheckFinding(name, f"Fewer than {rule['threshold']} dated deposits: Article 17(1) cannot be applied",
                           ARTICLE_17.value)
        return
    threshold = dates[rule["threshold"] - 1]
    rows = context.select("treaty-article-17", threshold=ox.Literal(threshold, datatype=ox.NamedNode(XSD + "date")))
    for row in rows:
        yield from _article_17_row(name, rule, threshold, row)


def _article_17_row(name: str, rule: dict, threshold: str, row) -> Iterator[CheckFinding]:
    day, node = row["day"], text(row["node"])
    if day is None:
        return
    expected = apply(rule, row["start"].value) if row["start"] is not None else None
    if row["kind"].value == "treaty":
        if day.value != expected:
            yield CheckFinding(name, f"The Convention is recorded as entering into force on {day.value}, but Article "
                               f"{rule['article']}(1) gives {expected}: the first day of the "
                               f"{ordinal(_python(rule['months']))} month after the month of the "
                               f"{ordinal(rule['threshold'])} deposit ({threshold})", node, MG + "date")
        return
    if int(row["consents"].value) != 1 or row["succession"].value == "true":
        return  # no or several consents: treaty-act-sequence reports it; successions take the recorded date
    state = row["stateName"].value
    if row["deposit"] is None:
        yield CheckFinding(name, f"{state}: the Convention is recorded as entering into force on {day.value}, but the "
                           "deposit of its instrument has no date to derive it from", node, MG + "date")
    elif day.value != expected:
        basis = row["basis"]
        how = "stated" if basis is None or basis.value.endswith("/stated") else "derived"
        yield CheckFinding(name, f"{state}: the Convention is recorded ({how}) as entering into force on {day.value}, but "
                           f"Article {rule['article']}{row['paragraph'].value} gives {expected} for the "
                           f"deposit of {row['deposit'].value}", node, MG + "date")

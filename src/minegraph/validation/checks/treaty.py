"""Wordings of the treaty checks: act combinations, the order of acts, Articles 17 and 20, the counts of the
reference tables. The joins over states and acts are SPARQL; the date arithmetic of the rules too (which clamps to
the month's last day as the Convention's months do) is Python here (minegraph.core.treaty_rules.add_months): on
Oxigraph 0.5.13 a date from BIND or SAMPLE plus a duration comes back unbound. Python reads the rule and
words the messages."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from minegraph.assemble.reference.csv_tables import read_parties, universe
from minegraph.core.treaty_rules import RuleError, add_months, ordinal
from minegraph.errors import InputError

from .context import Context, finding, text, wording

MG = "https://w3id.org/minegraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RULES = "https://w3id.org/minegraph/id/rule/"
ARTICLE_17, ARTICLE_20 = ox.NamedNode(RULES + "apmbc-article-17"), ox.NamedNode(RULES + "apmbc-article-20")
XSD = "http://www.w3.org/2001/XMLSchema#"


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
    for row in context.select("treaty-rule", rule=node):  # support/treaty-rule.rq
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

    article, months, first, threshold = (
        one("article"),
        one("monthsAfter"),
        one("firstDayOfMonth"),
        one("instrumentThreshold", required=False),
    )
    if (
        not isinstance(_python(months), int)
        or isinstance(_python(months), bool)
        or not isinstance(_python(first), bool)
    ):
        raise RuleError(f"timing rule {node.value}: mg:monthsAfter must be an integer and mg:firstDayOfMonth a boolean")
    return {
        "article": str(_python(article)),
        "months": months,
        "first": first,
        "threshold": int(_python(threshold)) if threshold is not None else None,
    }


def apply(rule: dict, start: str) -> str:
    """The date of effect of an act done on ``start`` (ISO): the same day ``monthsAfter`` months later, clamped
    to the month's end; with ``firstDayOfMonth`` the first day of that month."""
    effect = add_months(datetime.date.fromisoformat(start), _python(rule["months"]))
    return (effect.replace(day=1) if _python(rule["first"]) else effect).isoformat()


def _rule(context: Context, node: ox.NamedNode):
    try:
        return read_rule(context, node), None
    except RuleError as exc:
        return None, finding(f"The timing rule cannot be read from the graph: {exc}", node)


@wording("treaty-act-sequence")
def act_sequence(context: Context, rows) -> Iterator:
    for row in rows:
        yield finding(row["message"].value, row["focus"], row["path"], severity=row["severity"].value)


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
    for row in context.select("treaty-spans"):  # support/treaty-spans.rq
        exact = _day(row["exact"])
        found[row["node"]] = (exact, exact) if exact else (_day(row["earliest"]), _day(row["latest"]))
    return found


def _when(span) -> str:
    if span[0] == span[1]:
        return str(span[0])
    return f"between {span[0] or '?'} and {span[1] or '?'}"


def node_name(context: Context, node) -> str:
    """A node's sampled rdfs:label, else the last segment of its IRI (as the queries' ``?stateName``)."""
    rows = context.select("node-name", node=node)  # support/node-name.rq
    return rows[0]["label"].value if rows else re.sub(r"^.*/", "", node.value)


@wording("treaty-dates-in-order")
def dates_in_order(context: Context, rows) -> Iterator:
    known = spans(context) if rows else {}
    for row in rows:
        first, second = known.get(row["first"], (None, None)), known.get(row["second"], (None, None))
        if first[0] is None or second[1] is None or not first[0] > second[1]:
            continue
        order = row["order"].value
        if order == "opening":
            if first[0] == first[1]:  # an opening counts only with an exact date
                yield finding(
                    f"{node_name(context, row['second'])} is dated {_when(second)}, before the "
                    f"Convention was opened for signature on {first[0]}",
                    row["focus"],
                    row["path"],
                )
        elif order == "announcement":
            yield finding(
                f"{node_name(context, row['first'])} is dated {_when(first)}, after "
                f"“{node_name(context, row['second'])}” ({_when(second)}): an announcement comes first",
                row["focus"],
                row["path"],
            )
        else:
            message = f"{node_name(context, row['state'])} " + ORDERS[order].format(a=_when(first), b=_when(second))
            yield finding(message, row["focus"], row["path"])


@wording("treaty-article-20")
def article_20(context: Context, rows) -> Iterator:
    rule, problem = _rule(context, ARTICLE_20)
    if problem:
        yield problem
        return
    effects: dict = defaultdict(list)
    for row in rows:
        effects[(row["focus"], row["value"].value, row["stateName"].value)].append(
            (text(row["deposit"]), row["depositDate"].value, apply(rule, row["depositDate"].value))
        )
    for (effect, day, state), deposits in effects.items():
        deposits.sort()
        if day not in {expected for _, _, expected in deposits}:
            yield finding(
                f"{state}: the withdrawal is recorded as taking effect on {day}, but Article "
                f"{rule['article']} gives {deposits[-1][2]}, {_python(rule['months'])} months after the "
                f"deposit of {deposits[-1][1]}",
                effect,
                MG + "date",
            )


@wording("treaty-article-17")
def article_17(context: Context, rows) -> Iterator:
    rule, problem = _rule(context, ARTICLE_17)
    if problem:
        yield problem
        return
    if rule["threshold"] is None:
        yield finding(
            f"Article {rule['article']} has no instrument threshold (mg:instrumentThreshold): the "
            "treaty's entry into force cannot be derived",
            ARTICLE_17,
            MG + "instrumentThreshold",
        )
        return
    dates = sorted(row["date"].value for row in context.select("treaty-consent-dates"))  # support/…
    if len(dates) < rule["threshold"]:
        yield finding(f"Fewer than {rule['threshold']} dated deposits: Article 17(1) cannot be applied", ARTICLE_17)
        return
    threshold = dates[rule["threshold"] - 1]
    for row in rows:
        yield from _article_17_row(rule, threshold, row)


def _article_17_row(rule: dict, threshold: str, row) -> Iterator:
    """Paragraph 1 counts from the threshold deposit; paragraph 2 from a state's own, later deposit."""
    day, node, deposit = row["value"], row["focus"], text(row["deposit"])
    if day is None:
        return
    first = row["kind"].value == "treaty" or (deposit is not None and deposit <= threshold)
    start, paragraph = (threshold, "(1)") if first else (deposit, "(2)")
    expected = apply(rule, start) if start is not None else None
    if row["kind"].value == "treaty":
        if day.value != expected:
            yield finding(
                f"The Convention is recorded as entering into force on {day.value}, but Article "
                f"{rule['article']}(1) gives {expected}: the first day of the "
                f"{ordinal(_python(rule['months']))} month after the month of the "
                f"{ordinal(rule['threshold'])} deposit ({threshold})",
                node,
                row["path"],
            )
        return
    if int(row["consents"].value) != 1 or row["succession"].value == "true":
        return  # no or several consents: treaty-act-sequence reports it; successions take the recorded date
    state = row["stateName"].value
    if deposit is None:
        yield finding(
            f"{state}: the Convention is recorded as entering into force on {day.value}, but the "
            "deposit of its instrument has no date to derive it from",
            node,
            row["path"],
        )
    elif day.value != expected:
        basis = row["basis"]
        how = "stated" if basis is None or basis.value.endswith("/stated") else "derived"
        yield finding(
            f"{state}: the Convention is recorded ({how}) as entering into force on {day.value}, but "
            f"Article {rule['article']}{paragraph} gives {expected} for the deposit of {deposit}",
            node,
            row["path"],
        )


REFERENCE = (
    ("consent", "states ever consented to be bound (ottawa_parties.csv rows)", lambda p: True),
    ("signature", "signatories (ottawa_parties.csv rows with a signature date)", lambda p: p.signed),
    ("universe", "states of the reference universe", None),
)


@wording("treaty-reference-counts")
def reference_counts(context: Context, rows) -> Iterator:
    """States ever consented, signatories and the universe agree with curation/reference."""
    try:
        parties, states = read_parties(context.reference_dir), universe(context.reference_dir)
    except InputError as exc:
        yield finding(f"The reference data cannot be read, so the counts are not checked: {exc}", severity="Warning")
        return
    have: dict = defaultdict(set)
    for row in rows:
        have[row["kind"].value].add(
            text(row["value"]) if row["value"] is not None else text(row["focus"]).rsplit("/", 1)[-1]
        )
    for kind, what, keep in REFERENCE:
        want = {p.iso3 for p in parties if keep(p)} if keep else set(states)
        if want != have[kind]:
            missing, extra = sorted(want - have[kind]), sorted(have[kind] - want)
            detail = "; ".join(
                p
                for p in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"not in the reference {', '.join(extra)}" if extra else "",
                )
                if p
            )
            yield finding(f"The reference has {len(want)} {what}, the graph {len(have[kind])} ({detail})")

"""Checks of the treaty acts that SHACL cannot express: the timing rules, the order of a state's
acts, and the counts against the reference data.

* ``treaty-article-17``: entry-into-force dates follow Article 17 (read from the graph's rule),
  counting the 40th deposit from the graph's own deposits; successions are exempt;
* ``treaty-article-20``: a withdrawal takes effect six months after its deposit;
* ``treaty-act-sequence``: acts exist in a possible combination (no ratification without a
  signature, no act of a state that never consented, one consent per state …);
* ``treaty-dates-in-order``: signature ≤ consent ≤ withdrawal deposit ≤ effect, announcements
  ≤ deposit, opening for signature ≤ signature, consent ≤ entry into force;
* ``treaty-reference-counts``: states ever joined, signatories and the universe agree with
  curation/reference.

A mismatch is reported, never corrected.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from minegraph.assemble.reference.csv_tables import read_parties, universe
from minegraph.core.namespaces import MG
from minegraph.core.treaty_rules import ARTICLE_17, ARTICLE_20, RuleError, ordinal, rule_from_graph
from minegraph.errors import InputError

from . import CheckContext, Problem, check

Span = tuple[datetime.date | None, datetime.date | None]


def instances(g: Graph, cls: URIRef) -> list[URIRef]:
    """Nodes typed with ``cls`` or a subclass of it (following the ontology's rdfs:subClassOf)."""
    classes, todo = {cls}, [cls]
    while todo:
        for sub in g.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in classes:
                classes.add(sub)
                todo.append(sub)
    return sorted({node for c in classes for node in g.subjects(RDF.type, c) if isinstance(node, URIRef)})


def by_state(g: Graph, cls: URIRef) -> dict[URIRef, list[URIRef]]:
    """Acts of a class, grouped by their actor (the state)."""
    result: dict[URIRef, list[URIRef]] = defaultdict(list)
    for node in instances(g, cls):
        for actor in g.objects(node, MG.actor):
            result[actor].append(node)
    return result


def label(g: Graph, node) -> str:
    value = g.value(node, RDFS.label)
    return str(value) if value is not None else str(node).rsplit("/", 1)[-1]


def exact(g: Graph, node) -> datetime.date | None:
    value = g.value(node, MG.date)
    if isinstance(value, Literal) and isinstance(value.toPython(), datetime.date):
        return value.toPython()
    return None


def span(g: Graph, node) -> Span:
    """(earliest, latest) possible date: the exact date twice, or the bounds (None where unknown)."""
    day = exact(g, node)
    if day is not None:
        return day, day

    def bound(prop):
        value = g.value(node, prop)
        return value.toPython() if isinstance(value, Literal) and isinstance(value.toPython(), datetime.date) else None

    return bound(MG.earliestDate), bound(MG.latestDate)


def _when(s: Span) -> str:
    if s[0] == s[1]:
        return str(s[0])
    return f"between {s[0] or '?'} and {s[1] or '?'}"


def _rule(context: CheckContext, node: URIRef, name: str):
    try:
        return rule_from_graph(context.graph, node), None
    except RuleError as exc:
        return None, Problem(name, f"The timing rule cannot be read from the graph: {exc}", node)


@check("treaty-article-17")
def article_17(context: CheckContext) -> Iterator[Problem]:
    """Entry-into-force dates (the treaty's and each state's) equal what Article 17 gives."""
    g, name = context.graph, "treaty-article-17"
    rule, problem = _rule(context, ARTICLE_17, name)
    if problem:
        yield problem
        return
    consents = by_state(g, MG.ConsentToBeBound)
    if rule.instrument_threshold is None:
        yield Problem(
            name,
            f"Article {rule.article} has no instrument threshold (mg:instrumentThreshold): "
            "the treaty's entry into force cannot be derived",
            ARTICLE_17,
            MG.instrumentThreshold,
        )
        return
    threshold = rule.threshold_deposit(d for nodes in consents.values() for n in nodes if (d := exact(g, n)))
    if threshold is None:
        yield Problem(
            name, f"Fewer than {rule.instrument_threshold} dated deposits: Article 17(1) cannot be applied", ARTICLE_17
        )
        return
    for node in instances(g, MG.TreatyEntryIntoForce):
        day, expected = exact(g, node), rule.apply(threshold)
        if day is not None and day != expected:
            yield Problem(
                name,
                f"The Convention is recorded as entering into force on {day}, but Article {rule.article}(1) "
                f"gives {expected}: the first day of the {ordinal(rule.months_after)} month after the month of the "
                f"{ordinal(rule.instrument_threshold)} deposit ({threshold})",
                node,
                MG.date,
            )
    for state, nodes in sorted(by_state(g, MG.EntryIntoForceForState).items()):
        state_consents = consents.get(state, [])
        if len(state_consents) != 1 or any(MG.Succession in set(g.objects(c, RDF.type)) for c in state_consents):
            continue  # no or several consents: treaty-act-sequence reports it; successions take the recorded date
        deposit = exact(g, state_consents[0])
        for node in nodes:
            day = exact(g, node)
            if day is None:
                continue
            if deposit is None:
                yield Problem(
                    name,
                    f"{label(g, state)}: the Convention is recorded as entering into force on {day}, "
                    "but the deposit of its instrument has no date to derive it from",
                    node,
                    MG.date,
                )
                continue
            expected, paragraph = rule.entry_into_force(deposit, threshold)
            if day != expected:
                basis = g.value(node, MG.dateBasis)
                how = "stated" if basis is None or str(basis).endswith("/stated") else "derived"
                yield Problem(
                    name,
                    f"{label(g, state)}: the Convention is recorded ({how}) as entering into force on {day}, "
                    f"but Article {paragraph} gives {expected} for the deposit of {deposit}",
                    node,
                    MG.date,
                )


@check("treaty-article-20")
def article_20(context: CheckContext) -> Iterator[Problem]:
    """The date a withdrawal takes effect equals its deposit plus the months of Article 20."""
    g, name = context.graph, "treaty-article-20"
    rule, problem = _rule(context, ARTICLE_20, name)
    if problem:
        yield problem
        return
    deposits = by_state(g, MG.WithdrawalInstrumentDeposit)
    for state, effects in sorted(by_state(g, MG.WithdrawalTakingEffect).items()):
        dated = [d for n in deposits.get(state, []) if (d := exact(g, n))]
        for node in effects:
            day = exact(g, node)
            if day is None or not dated:
                continue
            expected = [rule.apply(d) for d in dated]
            if day not in expected:
                yield Problem(
                    name,
                    f"{label(g, state)}: the withdrawal is recorded as taking effect on {day}, but Article "
                    f"{rule.article} gives {expected[-1]}, {rule.months_after} months after the deposit "
                    f"of {dated[-1]}",
                    node,
                    MG.date,
                )


@check("treaty-act-sequence")
def act_sequence(context: CheckContext) -> Iterator[Problem]:
    """A state's acts exist in a possible combination."""
    g, name = context.graph, "treaty-act-sequence"
    signatures, consents = by_state(g, MG.Signature), by_state(g, MG.ConsentToBeBound)
    for state, nodes in sorted(consents.items()):
        if len(nodes) > 1:
            yield Problem(
                name, f"{label(g, state)} has {len(nodes)} acts of consent to be bound; a state consents once", nodes[1]
            )
        for node in nodes:
            types = set(g.objects(node, RDF.type))
            if MG.Ratification in types and state not in signatures:
                yield Problem(
                    name,
                    f"{label(g, state)} is recorded as ratifying (or accepting or approving) without a "
                    "signature: only signatories ratify (Article 16); others accede",
                    node,
                    RDF.type,
                )
            if MG.Accession in types and state in signatures:
                yield Problem(
                    name,
                    f"{label(g, state)} is recorded as acceding although it signed: a signatory "
                    "ratifies, accepts or approves (Article 16)",
                    node,
                    RDF.type,
                )
    needs_consent = (
        MG.EntryIntoForceForState,
        MG.WithdrawalInstrumentDeposit,
        MG.WithdrawalTakingEffect,
        MG.SuspensionNotification,
    )
    for cls in needs_consent:
        for state, nodes in sorted(by_state(g, cls).items()):
            if state not in consents:
                for node in nodes:
                    yield Problem(
                        name,
                        f"{label(g, node)}: {label(g, state)} never consented to be bound, so it "
                        "cannot have this act (an act of a non-party)",
                        node,
                        MG.actor,
                    )
    for state, nodes in sorted(by_state(g, MG.EntryIntoForceForState).items()):
        if len(nodes) > 1:
            yield Problem(name, f"{label(g, state)} has {len(nodes)} dates of entry into force; expected one", nodes[1])
    deposits, effects = by_state(g, MG.WithdrawalInstrumentDeposit), by_state(g, MG.WithdrawalTakingEffect)
    for state, nodes in sorted(effects.items()):
        if state not in deposits:
            for node in nodes:
                yield Problem(
                    name,
                    f"{label(g, state)}'s withdrawal is recorded as taking effect, but no deposit of an "
                    "instrument of withdrawal is recorded",
                    node,
                    MG.actor,
                )
    for state, nodes in sorted(deposits.items()):
        if state not in effects:
            for node in nodes:
                yield Problem(
                    name,
                    f"{label(g, state)} deposited an instrument of withdrawal, but the date it takes "
                    "effect is not recorded",
                    node,
                    severity="Warning",
                )


def _after(g: Graph, first, second) -> bool:
    """True when ``first`` certainly happened after ``second`` (bounds taken into account)."""
    a, b = span(g, first), span(g, second)
    return a[0] is not None and b[1] is not None and a[0] > b[1]


@check("treaty-dates-in-order")
def dates_in_order(context: CheckContext) -> Iterator[Problem]:
    """Signature ≤ consent ≤ withdrawal deposit ≤ effect; announcement ≤ deposit; opening ≤ signature."""
    g, name = context.graph, "treaty-dates-in-order"

    def pairs(earlier_cls, later_cls, skip_succession=False):
        later = by_state(g, later_cls)
        for state, nodes in sorted(by_state(g, earlier_cls).items()):
            for first in nodes:
                if skip_succession and MG.Succession in set(g.objects(first, RDF.type)):
                    continue
                for second in later.get(state, []):
                    if _after(g, first, second):
                        yield state, first, second

    orders = (
        (MG.Signature, MG.ConsentToBeBound, False, "signed on {a}, after its consent to be bound was deposited on {b}"),
        (
            MG.ConsentToBeBound,
            MG.EntryIntoForceForState,
            True,
            "consented on {a}, after the Convention is recorded as entering into force for it on {b}",
        ),
        (
            MG.ConsentToBeBound,
            MG.WithdrawalInstrumentDeposit,
            False,
            "consented on {a}, after depositing its instrument of withdrawal on {b}",
        ),
        (
            MG.ConsentToBeBound,
            MG.SuspensionNotification,
            False,
            "consented on {a}, after notifying a suspension on {b}",
        ),
        (
            MG.WithdrawalInstrumentDeposit,
            MG.WithdrawalTakingEffect,
            False,
            "deposited its instrument of withdrawal on {a}, after the withdrawal is recorded as taking effect on {b}",
        ),
    )
    for earlier, later, skip, text in orders:
        for state, first, second in pairs(earlier, later, skip):
            yield Problem(
                name,
                f"{label(g, state)} " + text.format(a=_when(span(g, first)), b=_when(span(g, second))),
                second,
                MG.date,
            )
    openings = [n for n in instances(g, MG.OpeningForSignature) if exact(g, n)]
    for node in instances(g, MG.Signature):
        for opening in openings:
            if _after(g, opening, node):
                yield Problem(
                    name,
                    f"{label(g, node)} is dated {_when(span(g, node))}, before the Convention was opened "
                    f"for signature on {exact(g, opening)}",
                    node,
                    MG.date,
                )
    closers = [
        *instances(g, MG.WithdrawalInstrumentDeposit),
        *instances(g, MG.SuspensionNotification),
        *instances(g, MG.WithdrawalTakingEffect),
    ]
    for announcement in instances(g, MG.WithdrawalAnnouncement):
        decisions = _decisions(g, announcement)
        for act in closers:
            if decisions & _decisions(g, act) and _after(g, announcement, act):
                yield Problem(
                    name,
                    f"{label(g, announcement)} is dated {_when(span(g, announcement))}, after "
                    f"“{label(g, act)}” ({_when(span(g, act))}): an announcement comes first",
                    announcement,
                    MG.date,
                )


def _decisions(g, act) -> set:
    """The decisions an act carries out, directly or as the consequence of an act that does."""
    found = set(g.objects(act, MG.carriesOut))
    for cause in g.objects(act, MG.consequenceOf):
        found |= set(g.objects(cause, MG.carriesOut))
    return found


@check("treaty-reference-counts")
def reference_counts(context: CheckContext) -> Iterator[Problem]:
    """States ever joined (consent), signatories and the universe agree with curation/reference."""
    g, name = context.graph, "treaty-reference-counts"
    reference = context.project.reference_dir
    try:
        parties, states = read_parties(reference), universe(reference)
    except InputError as exc:
        yield Problem(
            name, f"The reference data cannot be read, so the counts are not checked: {exc}", severity="Warning"
        )
        return
    code = g.value  # alpha-3 code of a state node, else its IRI's last segment

    def codes(nodes) -> set[str]:
        return {str(code(n, MG.iso3166Alpha3) or str(n).rsplit("/", 1)[-1]) for n in nodes}

    expected = (
        (
            "states ever consented to be bound (ottawa_parties.csv rows)",
            {p.iso3 for p in parties},
            codes(by_state(g, MG.ConsentToBeBound)),
        ),
        (
            "signatories (ottawa_parties.csv rows with a signature date)",
            {p.iso3 for p in parties if p.signed},
            codes(by_state(g, MG.Signature)),
        ),
        (
            "states of the reference universe",
            set(states),
            codes(s for s in g.subjects(MG.inReferenceUniverse, Literal(True))),
        ),
    )
    for what, want, have in expected:
        if want != have:
            missing, extra = sorted(want - have), sorted(have - want)
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"not in the reference {', '.join(extra)}" if extra else "",
                )
                if part
            )
            yield Problem(name, f"The reference has {len(want)} {what}, the graph {len(have)} ({detail})")

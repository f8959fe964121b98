"""The states of the reference universe and their treaty acts: the states.ttl and
treaty-acts.ttl parts (the Convention itself is built by :mod:`minegraph.assemble.parts.convention`).

States come from the parties and non-parties files, with ISO codes and Wikidata identities.
Acts come from ottawa_parties.csv: signature, the deposit of the exact instrument of consent,
and the date the Convention entered into force for the state — as the reference states it
(notes), or derived by Article 17 from the deposit and marked as derived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rdflib import OWL, RDFS, Graph, Literal, URIRef

from minegraph.assemble.parts.convention import TREATY, build_convention, timing_rules
from minegraph.assemble.rdf import cite, dates, describe, new_graph, note, text, xsd_date
from minegraph.assemble.reference.csv_tables import (
    Party,
    read_alpha2,
    read_nonparties,
    read_parties,
    read_wikidata,
    universe,
)
from minegraph.assemble.reference.nodes import build_records
from minegraph.assemble.reference.readings import Readings
from minegraph.assemble.registry import part
from minegraph.core.namespaces import DCTERMS, MG, SKOS, WD, concept, iri
from minegraph.core.treaty_rules import ARTICLE_17, TimingRule, ordinal
from minegraph.errors import InputError

__all__ = ["build_convention", "build_states", "build_treaty_acts", "stated_entry_into_force"]

#: Wikidata rows that pair a code with the wrong entity for the treaty party: iso3 -> the item
#: the row's own notes name for the party (kept as mg:unverifiedSameAs, never owl:sameAs).
WRONG_ENTITY = {"VAT": "Q159583"}

CONSENT_CLASSES = {"ratification": MG.Ratification, "accession": MG.Accession, "succession": MG.Succession}
_STATED_ENTRY = (
    re.compile(r"\b[Ee]ntry into force(?: for (?:the )?[A-Z][\w' ]*?)? (\d{4}-\d{2}-\d{2})"),
    re.compile(r"\bgives (\d{4}-\d{2}-\d{2}) as (?:the )?date of effect"),
)


@part("states.ttl", order=20)
def build_states(context) -> Graph:
    """The ``states.ttl`` part: the 197 states with names, ISO codes and Wikidata identities."""
    reference = context.project.reference_dir
    rows = {p.iso3: p for p in read_parties(reference)}
    rows.update({n.iso3: n for n in read_nonparties(reference) if n.iso3 not in rows})
    wikidata, alpha2 = read_wikidata(reference), read_alpha2(reference)
    g = new_graph()
    for iso3, name in universe(reference).items():
        node = iri("state", iso3)
        describe(g, node, [MG.State], name)
        g.add((node, MG.iso3166Alpha3, Literal(iso3)))
        g.add((node, MG.inReferenceUniverse, Literal(True)))
        if iso3 not in alpha2:
            raise InputError(reference / "iso3166_alpha2.csv", f"no alpha-2 code for {iso3} ({name})")
        code, alpha2_source = alpha2[iso3]
        g.add((node, MG.iso3166Alpha2, Literal(code)))
        link = wikidata.get(iso3)
        if link is None:
            raise InputError(reference / "country_wikidata.csv", f"no Wikidata item for {iso3} ({name})")
        _identity(g, node, link, name)
        urls = list(rows[iso3].sources) + ([link.source] if link.source else []) + [alpha2_source]
        cite(g, node, [context.sources.cite(url) for url in urls])
    return g


def _identity(g: Graph, node: URIRef, link, name: str) -> None:
    """owl:sameAs the Wikidata item, unless the row is unverified or names another entity."""
    if link.iso3 in WRONG_ENTITY:
        qid = WRONG_ENTITY[link.iso3]
        if qid not in link.notes:
            raise link.row.error(f"the notes of {link.iso3} do not name {qid}; update WRONG_ENTITY in membership.py")
        g.add((node, MG.unverifiedSameAs, WD[qid]))
        g.add(
            (
                node,
                RDFS.comment,
                text(
                    f"country_wikidata.csv pairs {link.iso3} with {link.qid} ({link.label}), which is not the treaty party "
                    f"{name}; the row's notes give {qid} for {name}, supported only by code files, not a citable data file. "
                    f"So no owl:sameAs: {qid} is an unverified identity."
                ),
            )
        )
        return
    if link.source is None:
        g.add((node, MG.unverifiedSameAs, WD[link.qid]))
        g.add((node, RDFS.comment, text(f"country_wikidata.csv marks {link.qid} as unverified.")))
        return
    g.add((node, OWL.sameAs, WD[link.qid]))
    if link.label != name:
        g.add((node, SKOS.altLabel, text(link.label)))


@part("treaty-acts.ttl", order=30)
def build_treaty_acts(context) -> Graph:
    """The ``treaty-acts.ttl`` part: every state's signature, consent and entry into force."""
    parties = sorted(read_parties(context.project.reference_dir), key=lambda p: p.iso3)
    rule = timing_rules(context.project).get(ARTICLE_17)
    if rule is None:
        raise InputError(context.project.curation_dir / "convention.toml", "no [[rule]] apmbc-article-17")
    threshold = rule.threshold_deposit(p.consent_date for p in parties if p.consent_date)
    if threshold is None:
        raise InputError(
            parties[0].row.path, f"fewer than {rule.instrument_threshold} deposits: Article 17(1) cannot be applied"
        )
    g = new_graph()
    covered = {
        doc: date.fromisoformat(str(until)) for doc, until in context.sources.graph.subject_objects(MG.contentAsOf)
    }
    readings = Readings(context)
    for party in parties:
        docs = RowSources(tuple(context.sources.cite(url) for url in party.sources), covered)
        state = iri("state", party.iso3)
        if party.signed:
            _act(
                g,
                iri("event", f"{party.iso3}-signature"),
                MG.Signature,
                f"Signature by {party.name}",
                state,
                party.signed,
                docs,
            )
        consent = _consent(g, party, state, docs, _withdrawal_pages(context, readings, party.iso3))
        _entry_into_force(g, party, state, consent, rule, threshold, docs)
    build_records(g, readings, csv="parties")
    for record in readings.records("decision", "parties"):  # the deposit carries out the state's decision
        party = next(p for p in parties if p.iso3 == record.require("state"))
        consent = iri("event", f"{party.iso3}-{party.instrument.lower()}")
        g.add((consent, MG.carriesOut, iri("decision", record.require("id"))))
        _not_before_its_steps(g, consent, iri("decision", record.require("id")))
    for party in parties:
        _prefer_sources(g, context, iri("state", party.iso3))
    return g


def _not_before_its_steps(g: Graph, consent: URIRef, decision: URIRef) -> None:
    """A deposit known only by bounds cannot precede the domestic steps it follows (Lebanon's decree of
    12 January 2026): its earliest bound is raised to the last of their dates."""
    earliest = g.value(consent, MG.earliestDate)
    steps = [
        (str(g.value(step, MG.date) or g.value(step, MG.earliestDate)), step)
        for step in g.subjects(MG.carriesOut, decision)
        if step != consent and (g.value(step, MG.date) or g.value(step, MG.earliestDate))
    ]
    if earliest is None or g.value(consent, MG.date) is not None or not steps:
        return
    day, step = max(steps)
    if day > str(earliest):
        g.set((consent, MG.earliestDate, xsd_date(day)))
        g.add(
            (
                consent,
                RDFS.comment,
                text(f"Not before {day}, the date of the step it follows: {g.value(step, RDFS.label)}."),
            )
        )


def _prefer_sources(g: Graph, context, state: URIRef) -> None:
    """A party's acts share its row's sources, except a page that gives another value for the act
    (the source of an alternative report of it, as Matangi Tonga's 26 June for Tonga's deposit); the
    best-ranked remaining one is the act's mg:preferredSource."""
    for act in sorted(g.subjects(MG.actor, state)):
        for alternative in g.objects(act, MG.alternativeReport):
            for doc in g.objects(alternative, DCTERMS.source):
                g.remove((act, DCTERMS.source, doc))
        best = context.sources.best_document(sorted(g.objects(act, DCTERMS.source)))
        if best is not None:
            g.add((act, MG.preferredSource, best))


def _act(g: Graph, node: URIRef, cls: URIRef, label: str, state: URIRef, day: date | None, docs) -> URIRef:
    describe(g, node, [cls], label)
    g.add((node, MG.actor, state))
    g.add((node, MG.treaty, TREATY))
    if day is not None:
        dates(g, node, exact=day.isoformat())
        g.add((node, MG.dateBasis, concept("date-basis", "stated")))
    cite(g, node, docs.for_day(day))
    return node


@dataclass(frozen=True)
class RowSources:
    """A party row's documents, and the last day each snapshot among them covers (mg:contentAsOf)."""

    docs: tuple[URIRef, ...]
    covered: dict

    def __iter__(self):
        return iter(self.docs)

    def for_day(self, day: date | None) -> list[URIRef]:
        """The documents that can support an act of ``day``: not a snapshot that ends before it."""
        return [doc for doc in self.docs if day is None or self.covered.get(doc, day) >= day]


def _withdrawal_pages(context, readings: Readings, iso3: str) -> list[URIRef]:
    """The pages field_sources.csv rates as supporting the state's deposit of withdrawal (or suspension
    notification): what a reference note reporting it can cite, where the row's own pages are older."""
    row = readings.withdrawals.get(iso3)
    if row is None:
        return []
    field = "notification_deposited" if row.effective is not None else "notification"
    return [context.sources.cite(url) for url in readings.fields.withdrawal(iso3, [field]).cited]


def _consent(g: Graph, party: Party, state: URIRef, docs, withdrawal_pages: list[URIRef]) -> URIRef:
    node = iri("event", f"{party.iso3}-{party.instrument.lower()}")
    _act(
        g,
        node,
        CONSENT_CLASSES[party.method],
        f"{party.instrument} by {party.name} (deposit of the instrument)",
        state,
        party.consent_date,
        docs,
    )
    g.add((node, MG.instrument, concept("instrument", party.instrument.lower())))
    g.add((node, MG.depositaryName, Literal(party.depositary_name)))
    if party.consent_date is None:
        year = party.consent_year
        dates(g, node, earliest=f"{year}-01-01", latest=f"{year}-12-31")
        g.add((node, MG.dateAsStated, Literal(str(year))))
        g.add((node, MG.valueNotFound, MG.date))
        g.add(
            (
                node,
                RDFS.comment,
                text(
                    f"Deposit date not found; the reference gives only the year ({party.status}). The Convention enters into "
                    "force for the state on the first day of the sixth month after the deposit (Article 17(2)), so that date is "
                    "unknown too: the graph has no entry into force for the state, and in-force-on-date reports it as unknown "
                    "from the earliest date the deposit can have (mg:earliestDate)."
                ),
            )
        )
    later = _later_day(party.notes, party.consent_date)
    note(
        g,
        node,
        party.notes and f"Reference note: {party.notes}",
        later,
        docs.for_day(later and date.fromisoformat(later)) or withdrawal_pages,
    )
    return node


def _later_day(notes: str, act_day) -> str | None:
    """The first ISO date a reference note gives after its act's own date: the note reports that later
    event, so it is known from that day (None when it describes nothing later)."""
    later = sorted(
        day for day in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", notes or "") if act_day is None or day > act_day.isoformat()
    )
    return later[0] if later else None


def stated_entry_into_force(party: Party) -> tuple[date, str] | None:
    """The date of effect the row's notes state (entry into force, or a succession's date of effect)."""
    found = {}
    for pattern in _STATED_ENTRY:
        for match in pattern.finditer(party.notes):
            found[match.group(1)] = match.group(0)
    if len(found) > 1:
        raise party.row.error(f"the notes state several dates of entry into force: {', '.join(sorted(found))}")
    if not found:
        return None
    ((day, phrase),) = found.items()
    try:
        return date.fromisoformat(day), phrase
    except ValueError:
        raise party.row.error(f"notes: {day!r} is not a calendar date") from None


def _entry_into_force(
    g: Graph, party: Party, state: URIRef, consent: URIRef, rule: TimingRule, threshold: date, docs
) -> None:
    stated = stated_entry_into_force(party)
    if party.consent_date is None:
        if stated:
            raise party.row.error("the notes state an entry into force but the deposit date is empty")
        return  # no deposit date, no entry into force: nothing is counted until a date exists
    node = iri("event", f"{party.iso3}-entry-into-force")
    label = f"The Convention enters into force for {party.name}"
    if stated:
        day, phrase = stated
        _act(g, node, MG.EntryIntoForceForState, label, state, day, docs)
        g.add((node, MG.consequenceOf, consent))
        why = (
            "the date of effect the depositary records for a succession (Article 17 does not apply)"
            if party.method == "succession"
            else "minegraph validate compares it with Article 17"
        )
        g.add((node, RDFS.comment, text(f"As the reference notes state it (“{phrase}”); {why}.")))
        return
    if party.method == "succession":
        raise party.row.error(
            "a succession takes effect on the date the depositary records; the notes give none "
            "(Article 17 is not applied to successions)"
        )
    day, paragraph = rule.entry_into_force(party.consent_date, threshold)
    _act(g, node, MG.EntryIntoForceForState, label, state, None, docs)
    dates(g, node, exact=day.isoformat())
    g.add((node, MG.dateBasis, concept("date-basis", "derived-article-17")))
    g.add((node, MG.derivedByRule, rule.node))
    g.add((node, MG.consequenceOf, consent))
    basis = (
        (
            f"the Convention's own entry into force: the deposit ({party.consent_date}) was on or before the "
            f"{ordinal(rule.instrument_threshold)} deposit ({threshold})"
        )
        if paragraph.endswith("(1)")
        else f"the first day of the {ordinal(rule.months_after)} month after the deposit of {party.consent_date}"
    )
    g.add((node, RDFS.comment, text(f"Derived by Article {paragraph}: {basis}.")))

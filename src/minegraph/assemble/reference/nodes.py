"""RDF for the records of curation/membership.toml: bodies, posts, persons and their memberships,
decisions, events and alternative reports.

Shared by the withdrawals part (records reading ottawa_withdrawals.csv) and the treaty-acts part
(records reading ottawa_parties.csv), so both describe their nodes the same way.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from minegraph.assemble.rdf import cite, dates, describe, interval, note, text
from minegraph.assemble.records import Record
from minegraph.assemble.reference.fact_sources import check_alternatives, cite_fact
from minegraph.assemble.reference.readings import VOTE_COUNTS, Readings
from minegraph.core.namespaces import MG, ORG, concept, iri, slugify

TREATY = iri("treaty", "apmbc")
BODY_TYPES = ("GovernmentBody", "Parliament", "NonGovernmentalOrganisation", "InternationalOrganisation", "Coalition")
EVENT_TYPES = ("Event", "WithdrawalAnnouncement", "ExecutiveDecision", "ParliamentaryVote", "Promulgation")
ALTERNATIVE_PROPERTIES = {
    "date": XSD.date,
    "votesFor": XSD.nonNegativeInteger,
    "votesAgainst": XSD.nonNegativeInteger,
    "abstentions": XSD.nonNegativeInteger,
    "valueText": XSD.string,
}
_COUNT_PROPERTIES = {
    "votes_for": MG.votesFor,
    "votes_against": MG.votesAgainst,
    "abstentions": MG.abstentions,
    "not_voting": MG.notVoting,
}


def build_records(g: Graph, readings: Readings, csv: str) -> None:
    """Every record of the curation file that reads ``csv``, in a fixed order."""
    roles = {iri("post", r.require("id")): r.get("role") for r in readings.records("post")}
    for record in readings.records("body", csv):
        _body(g, readings, record)
    for record in readings.records("post", csv):
        _post(g, readings, record)
    for record in readings.records("person", csv):
        _person(g, readings, record, roles)
    for record in readings.records("decision", csv):
        decision(g, readings, record)
    for record in readings.records("event", csv):
        _event(g, readings, record)
    for record in readings.records("alternative", csv):
        _alternative(g, readings, record)
    for record in readings.records("addition", csv):
        _addition(g, readings, record)
    for record in readings.records("event", csv):
        if record.get("facts"):
            check_alternatives(
                g,
                iri("event", record.require("id")),
                readings.fact_citation(record),
                readings.context.sources,
                record.error(f"event {record.require('id')}"),
            )


def cite_record(g: Graph, readings: Readings, record: Record, node: URIRef, key: str = "sources") -> None:
    """Cite a record's sources: per fact (``facts``: fields of field_sources.csv, plus any source:<slug>
    documents of ``sources``), else its ``sources``; and name the best-ranked one mg:preferredSource."""
    if record.get("facts"):
        extra = [readings.resolve.ref(record, t) for t in record.list(key) if t.startswith("source:")]
        others = [t for t in record.list(key) if not t.startswith("source:")]
        if others:
            raise record.error(
                f"{key} {others!r}: a record with facts cites the pages field_sources.csv gives for them, "
                "plus only source:<slug> documents"
            )
        cite_fact(g, node, readings.context.sources, readings.fact_citation(record), extra)
        return
    docs = readings.sources(record, key)
    cite(g, node, docs)
    best = readings.context.sources.best_document(docs)
    if best is not None:
        g.add((node, MG.preferredSource, best))


def _body(g: Graph, readings: Readings, record: Record) -> URIRef:
    node = iri("organisation", record.require("id"))
    describe(
        g,
        node,
        record.classes("types", BODY_TYPES),
        record.require("label"),
        alt=record.list("alt"),
        comment=record.get("note"),
    )
    if record.get("part_of"):
        g.add((node, ORG.subOrganizationOf, readings.resolve.ref(record, record.get("part_of"))))
    for member in record.list("members"):
        g.add((node, ORG.hasMember, readings.resolve.ref(record, member)))
    _not_in_reference(g, record, node)
    cite_record(g, readings, record, node)
    return node


def _not_in_reference(g: Graph, record: Record, node: URIRef) -> None:
    """Why a record that reads no reference cell is in the graph, and where its facts come from."""
    if record.get("not_in_reference"):
        g.add((node, RDFS.comment, text(record.get("not_in_reference"))))


def _post(g: Graph, readings: Readings, record: Record) -> URIRef:
    node = iri("post", record.require("id"))
    describe(g, node, [MG.Post], record.require("label"), comment=record.get("not_in_reference"))
    g.add((node, ORG.postIn, readings.resolve.ref(record, record.require("post_in"))))
    if record.get("role"):
        g.add((node, ORG.role, readings.resolve.concept(record, "role", record.get("role"))))
    cite_record(g, readings, record, node)
    return node


def _person(g: Graph, readings: Readings, record: Record, roles: dict[URIRef, str | None]) -> URIRef:
    name = record.require("name")
    slug = record.get("id") or slugify(name)
    node = iri("person", slug)
    describe(g, node, [MG.Person], name)
    sources = readings.sources(record)
    note(g, node, record.get("note"), record.date("note_known_from"), sources)
    cite(g, node, sources)
    for held in record.list("held"):
        _membership(g, readings, record, node, slug, held, roles, sources)
    for post in record.list("holds"):  # a post the sources name without an exact date: org:holds, no period
        g.add((node, ORG.holds, readings.resolve.ref(record, post)))
    return node


def _membership(
    g,
    readings: Readings,
    record: Record,
    person: URIRef,
    person_slug: str,
    held: dict,
    roles: dict[URIRef, str | None],
    sources: list[URIRef],
) -> URIRef:
    """An org:Membership of the person: the post's organisation and role, during an interval with the dates held."""
    post = readings.resolve.ref(record, held["post"]) if held.get("post") else None
    if post is not None:
        organisation = next(g.objects(post, ORG.postIn), None) or _post_organisation(readings, record, post)
        role = roles.get(post)
    else:
        organisation, role = readings.resolve.ref(record, held.get("organisation", "")), held.get("role")
    if not role:
        raise record.error("a membership needs a role (the post's role, or role = ...)")
    org_slug = str(organisation).rsplit("/", 1)[1]
    slug = f"{person_slug}-{org_slug}-{role}"
    node = iri("membership", slug)
    g.add((node, RDF.type, ORG.Membership))
    post_label = next(g.objects(post, RDFS.label), None) if post is not None else None
    org_label = next(g.objects(organisation, RDFS.label), None) or org_slug
    held_as = post_label or f"{role.replace('-', ' ')}, {org_label}"
    g.add((node, RDFS.label, text(f"{record.require('name')} as {held_as}")))
    g.add((node, ORG.member, person))
    g.add((node, ORG.organization, organisation))
    g.add((node, ORG.role, readings.resolve.concept(record, "role", role)))
    if post is not None:
        g.add((node, MG.post, post))
    period = None
    for day in held.get("held_on", []):
        period = interval(g, slug, held_on=str(day))
    if period is None:
        raise record.error("a membership needs at least one date it was held on (held_on)")
    g.add((node, ORG.memberDuring, period))
    cite(g, node, [readings.context.sources.cite(u) for u in held.get("sources", [])] or sources)
    return node


def _post_organisation(readings: Readings, record: Record, post: URIRef) -> URIRef:
    for other in readings.records("post"):
        if iri("post", other.require("id")) == post:
            return readings.resolve.ref(other, other.require("post_in"))
    raise record.error(f"{post} is not a post of the curation file")


def decision(g: Graph, readings: Readings, record: Record) -> URIRef:
    """An mg:Decision with its type, deciders, treaty, dispute and sources."""
    node = iri("decision", record.require("id"))
    describe(g, node, [MG.Decision], record.require("label"), comment=record.get("comment"))
    _not_in_reference(g, record, node)
    g.add((node, MG.decisionType, readings.resolve.concept(record, "decision-type", record.require("type"))))
    for actor in record.list("decided_by") or [record.require("decided_by")]:
        g.add((node, MG.decidedBy, readings.resolve.ref(record, actor)))
    g.add((node, MG.treaty, TREATY))
    for whole in record.list("part_of"):
        g.add((node, MG.partOf, readings.resolve.ref(record, whole)))
    if record.get("date"):
        dates(g, node, exact=record.date("date"))
        g.add((node, MG.dateBasis, concept("date-basis", "stated")))
    elif record.get("dated_by"):
        _dated_by(g, readings, record, node)
    else:
        raise record.error("a decision needs a date: date = ..., or dated_by = the event whose date it is")
    dispute(g, readings, record, node)
    if record.get("facts") or record.get("sources") or not record.get("dated_by"):
        cite_record(g, readings, record, node)
    preferred = sorted(g.objects(node, MG.preferredSource))
    for other in preferred:  # the date's and the record's own facts each name one: keep the best
        if other != readings.context.sources.best_document(preferred):
            g.remove((node, MG.preferredSource, other))
    return node


def _dated_by(g: Graph, readings: Readings, record: Record, node: URIRef) -> None:
    """The decision takes the date (or bounds) of its last domestic step, and that step's sources."""
    step_ref = record.require("dated_by")
    step = next(
        (r for r in readings.records("event", readings.csv_of(record)) if f"event:{r.require('id')}" == step_ref), None
    )
    if step is None:
        raise record.error(f"dated_by {step_ref!r} is not an [[event]] reading the same CSV")
    dates(g, node, exact=step.date("date"), earliest=step.date("earliest"), latest=step.date("latest"))
    if step.get("date"):
        g.add((node, MG.dateBasis, concept("date-basis", "stated")))
    g.add((node, MG.datedBy, iri("event", step.require("id"))))
    when = step.get("date") or f"between {step.get('earliest')} and {step.get('latest')}"
    g.add(
        (
            node,
            RDFS.comment,
            text(f"Dated by its last domestic step the sources record, {when}: {step.require('label')}."),
        )
    )
    cite_record(g, readings, step, node)


def dispute(g: Graph, readings: Readings, record: Record, node: URIRef) -> None:
    """mg:contested, mg:contestedBy and mg:legalEffect, when the record names who contests it."""
    if not record.list("contested_by"):
        return
    g.add((node, MG.contested, Literal(True)))
    for actor in record.list("contested_by"):
        g.add((node, MG.contestedBy, readings.resolve.ref(record, actor)))
    g.add((node, MG.legalEffect, text(record.require("legal_effect"))))
    docs = readings.sources(record, "dispute_sources")  # the documents that contest it: when it is known
    kind, slug = str(node).rsplit("/", 2)[1:]
    cited = describe(g, iri("citation", f"{kind}-{slug}-dispute"), [MG.FieldCitation], "Citation of the dispute")
    g.add((node, MG.fieldCitation, cited))
    g.add((cited, MG.citesField, Literal("dispute")))
    for prop in (MG.contested, MG.contestedBy, MG.legalEffect):
        g.add((cited, MG.ofProperty, prop))
    cite(g, cited, docs)
    g.add((cited, MG.preferredSource, readings.context.sources.best_document(docs)))


def _event(g: Graph, readings: Readings, record: Record) -> URIRef:
    node = iri("event", record.require("id"))
    describe(g, node, record.classes("types", EVENT_TYPES), record.require("label"), comment=record.get("comment"))
    _not_in_reference(g, record, node)
    for actor in record.list("actor"):
        g.add((node, MG.actor, readings.resolve.ref(record, actor)))
    for whole in record.list("part_of"):
        g.add((node, MG.partOf, readings.resolve.ref(record, whole)))
    for decided in record.list("carries_out"):
        g.add((node, MG.carriesOut, readings.resolve.ref(record, decided)))
    if not record.list("part_of") and not record.list("carries_out"):
        raise record.error(
            "an event needs carries_out (the decision it takes or carries out) or part_of (the act it is part of)"
        )
    dates(g, node, exact=record.date("date"), earliest=record.date("earliest"), latest=record.date("latest"))
    if record.get("date"):
        g.add((node, MG.dateBasis, concept("date-basis", "stated")))
    elif record.get("as_written"):
        g.add((node, MG.dateAsStated, Literal(record.get("as_written"))))
    if record.get("outcome"):
        g.add((node, MG.outcome, readings.resolve.concept(record, "vote-outcome", record.get("outcome"))))
    for key in VOTE_COUNTS:
        if record.get(key) is not None:
            g.add((node, _COUNT_PROPERTIES[key], Literal(record.get(key), datatype=XSD.nonNegativeInteger)))
    cite_record(g, readings, record, node)
    return node


def _addition(g: Graph, readings: Readings, record: Record) -> URIRef:
    """Facts a page adds to an event of this file that the reference cell does not give (a tally),
    each addition citing the pages that state it; ``not_in_reference`` says which page gives what."""
    node = readings.resolve.ref(record, record.require("of"))
    if not record.get("not_in_reference"):
        raise record.error(
            "an [[addition]] states facts the reference does not: say which page gives them (not_in_reference)"
        )
    counts = [key for key in VOTE_COUNTS if record.get(key) is not None]
    if not counts:
        raise record.error(f"an [[addition]] adds at least one of {', '.join(VOTE_COUNTS)}")
    for key in counts:
        value = record.get(key)
        if not isinstance(value, int) or value < 0:
            raise record.error(f"{key} = {value!r} is not a non-negative whole number")
        g.add((node, _COUNT_PROPERTIES[key], Literal(value, datatype=XSD.nonNegativeInteger)))
    g.add((node, RDFS.comment, text(record.get("not_in_reference"))))
    cite(g, node, readings.sources(record))
    return node


def _alternative(g: Graph, readings: Readings, record: Record) -> URIRef:
    """An mg:AlternativeReport: another value sources give for one property of a node."""
    owner = readings.resolve.ref(record, record.require("of"))
    prop = record.require("property")
    if prop not in ALTERNATIVE_PROPERTIES:
        raise record.error(f"property {prop!r}: expected one of {', '.join(ALTERNATIVE_PROPERTIES)}")
    value = record.require("value")
    kind, owner_slug = str(owner).rsplit("/", 2)[1:]
    node = iri("alternative", f"{kind}-{owner_slug}-{slugify(prop)}-{value}")
    describe(g, node, [MG.AlternativeReport], f"Alternative report: {prop} {value}", comment=record.get("comment"))
    g.add((owner, MG.alternativeReport, node))
    g.add((node, MG.ofProperty, MG[prop]))
    g.add((node, RDF.value, Literal(str(value), datatype=ALTERNATIVE_PROPERTIES[prop])))
    cite(g, node, readings.sources(record))
    return node

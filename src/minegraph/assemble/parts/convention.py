"""The Convention itself (convention.ttl): its title and short names, adoption, opening for
signature, entry into force, depositary, and the timing rules of Articles 17 and 20 as data.

Everything comes from ``curation/convention.toml``, where each value cites the public pages
stating it. :func:`timing_rules` gives the same rules to the builders that derive dates.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, XSD, Graph, Literal, URIRef

from minegraph.assemble.rdf import cite, dates, describe, new_graph, text
from minegraph.assemble.records import Record, load_toml, records, single
from minegraph.assemble.registry import part
from minegraph.assemble.source_registry import KIND_CLASSES
from minegraph.core.namespaces import DCTERMS, MG, ORG, concept, iri
from minegraph.core.treaty_rules import TimingRule

CONVENTION_FILE = "convention.toml"
TREATY = iri("treaty", "apmbc")
ADOPTION = iri("decision", "apmbc-adoption")
OPENING = iri("event", "apmbc-opening-for-signature")
ENTRY_INTO_FORCE = iri("event", "apmbc-entry-into-force")
_RULE_CLASSES = ("ConsentToBeBound", "EntryIntoForceForState", "WithdrawalInstrumentDeposit", "WithdrawalTakingEffect")


def _load(project) -> tuple[dict, list[str], Path]:
    path = project.curation_dir / CONVENTION_FILE
    document, lines = load_toml(path)
    return document, lines, path


def _rule(record: Record) -> TimingRule:
    months, first = record.require("months_after"), record.get("first_day_of_month")
    threshold = record.get("instrument_threshold")
    if not isinstance(months, int) or months < 0 or not isinstance(first, bool):
        raise record.error("months_after must be a whole number and first_day_of_month true or false")
    if threshold is not None and (not isinstance(threshold, int) or threshold < 1):
        raise record.error("instrument_threshold must be a positive whole number")
    return TimingRule(iri("rule", record.require("id")), str(record.require("article")), months, first, threshold)


def timing_rules(project) -> dict[URIRef, TimingRule]:
    """The timing rules of the curation file, by rule IRI (what the graph's mg:TimingRule nodes hold)."""
    document, lines, path = _load(project)
    return {rule.node: rule for rule in (_rule(r) for r in records(document, lines, path, "rule"))}


@part("convention.ttl", order=10)
def build_convention(context) -> Graph:
    """The ``convention.ttl`` part."""
    document, lines, path = _load(context.project)
    for record in records(document, lines, path, "page"):
        _page(context, record)
    for record in records(document, lines, path, "snapshot"):
        _snapshot(context, record)

    def sources(record: Record) -> list[URIRef]:
        urls = record.require("sources")
        return [context.sources.cite(url) for url in urls]

    g = new_graph()
    treaty = single(document, lines, path, "treaty")
    describe(g, TREATY, [MG.Treaty], treaty.require("label"), alt=treaty.list("alt"))
    g.add((TREATY, DCTERMS.title, text(treaty.require("title"))))
    cite(g, TREATY, sources(treaty))

    depositary = single(document, lines, path, "depositary")
    post, organisation = (
        iri("post", depositary.require("post")),
        iri("organisation", depositary.require("organisation")),
    )
    describe(g, organisation, [MG.InternationalOrganisation], depositary.require("organisation_label"))
    describe(g, post, [MG.Post], depositary.require("label"))
    g.add((post, ORG.postIn, organisation))
    g.add((TREATY, MG.depositary, post))
    cite(g, organisation, sources(depositary))
    cite(g, post, sources(depositary))

    adoption = single(document, lines, path, "adoption")
    conference = iri("organisation", adoption.require("decided_by"))
    describe(g, conference, [MG.Organisation], adoption.require("decided_by_label"))
    cite(g, conference, sources(adoption))
    _dated_act(g, ADOPTION, [MG.TreatyAdoption, MG.Decision], adoption, sources(adoption), context.sources)
    g.add((ADOPTION, MG.decidedBy, conference))
    g.add((ADOPTION, MG.decisionType, concept("decision-type", "adoption")))
    _dated_act(
        g,
        OPENING,
        [MG.OpeningForSignature],
        single(document, lines, path, "opening"),
        sources(single(document, lines, path, "opening")),
        context.sources,
    )
    entry = single(document, lines, path, "entry_into_force")
    _dated_act(g, ENTRY_INTO_FORCE, [MG.TreatyEntryIntoForce], entry, sources(entry), context.sources)

    for record in records(document, lines, path, "rule"):
        _timing_rule(g, record, sources(record))
    return g


def _timing_rule(g: Graph, record: Record, cited: list[URIRef]) -> None:
    """One of the Convention's timing rules (Article 17 or 20) as data on the treaty."""
    rule = _rule(record)
    g.add((TREATY, MG.timingRule, rule.node))
    describe(g, rule.node, [MG.TimingRule], record.require("label"), comment=record.get("comment"))
    g.add((rule.node, MG.article, Literal(rule.article)))
    for prop, key in ((MG.appliesTo, "applies_to"), (MG.yields, "yields")):
        name = record.require(key)
        if name not in _RULE_CLASSES:
            raise record.error(f"{key} = {name!r}: expected one of {', '.join(_RULE_CLASSES)}")
        g.add((rule.node, prop, MG[name]))
    g.add((rule.node, MG.monthsAfter, Literal(rule.months_after, datatype=XSD.nonNegativeInteger)))
    g.add((rule.node, MG.firstDayOfMonth, Literal(rule.first_day_of_month)))
    if rule.instrument_threshold is not None:
        g.add((rule.node, MG.instrumentThreshold, Literal(rule.instrument_threshold, datatype=XSD.positiveInteger)))
    if record.get("exception"):
        g.add((rule.node, MG.exception, text(record.get("exception"))))
    cite(g, rule.node, cited)


def _dated_act(g: Graph, node: URIRef, types: list[URIRef], record: Record, docs: list[URIRef], sources) -> None:
    describe(g, node, types, record.require("label"), comment=record.get("note"))
    g.add((node, MG.treaty, TREATY))
    dates(g, node, exact=record.date("date") or _missing(record, "date"))
    g.add((node, MG.dateBasis, concept("date-basis", "stated")))
    cite(g, node, docs)
    best = sources.best_document(docs)
    if best is not None:
        g.add((node, MG.preferredSource, best))


def _missing(record: Record, key: str):
    raise record.error(f"missing required field {key!r}")


def _snapshot(context, record: Record) -> URIRef:
    """A data file copying a record as of a month: not published before it, no support for later acts."""
    start, until = record.date("from") or _missing(record, "from"), record.date("until") or _missing(record, "until")
    if until < start:
        raise record.error(f"until {until} is before from {start}")
    doc = context.sources.cite(record.require("url"))
    g = context.sources.graph
    g.add((doc, MG.earliestDate, Literal(start, datatype=XSD.date)))
    g.add((doc, MG.contentAsOf, Literal(until, datatype=XSD.date)))
    g.add((doc, RDFS.comment, text(record.require("note"))))
    return doc


def _page(context, record: Record) -> URIRef:
    """Register a page that is not in source_quality.csv, with its kind, rank and what it was seen to state."""
    kind = record.get("kind")
    if kind is not None and kind not in KIND_CLASSES:
        raise record.error(f"kind {kind!r} is not a source kind of source_quality.csv")
    if record.get("rank") is not None and not kind:
        raise record.error("a rank needs a kind")
    slug_kind, cls = KIND_CLASSES[kind] if kind else (None, MG.WebPage)
    doc = context.sources.register(
        record.require("slug"),
        cls,
        title=record.require("title"),
        url=record.require("url"),
        date=record.date("date"),
        kind=slug_kind,
        rank=record.get("rank"),
    )
    context.sources.graph.add((doc, RDFS.comment, text(f"Seen to state: {record.require('seen')}")))
    return doc

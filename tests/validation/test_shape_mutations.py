"""Every constraint of ontology/shapes.ttl, broken once: a mutation of the valid fixture per
(shape, constraint component), and proof that the break is reported on the right node with
the shape's own sh:message. A coverage test makes sure no constraint is left without one."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, SH

from minegraph.core import namespaces as ns  # XSD, SCHEMA, TIME through the module: pytest probes module globals
from minegraph.core.namespaces import DCTERMS, MG, OA, ORG, SKOS, concept, iri

S, Q = iri("statement", "fixture-01-ozols-defend"), iri("claim", "fixture-02-countries-contaminated")
MU, CF = iri("claim", "fixture-03-mine-use-gaza"), iri("claim", "fixture-04-gaza-contaminated")
RV = iri("review", "fixture-02-countries-contaminated")
A1, A2, A4 = (
    iri("anchor", s)
    for s in ("fixture-01-ozols-defend", "fixture-02-countries-contaminated", "fixture-04-gaza-contaminated")
)
POS1, QS1 = iri("selector", "fixture-01-ozols-defend-position"), iri("selector", "fixture-01-ozols-defend-quote")
POS2, QS2 = (
    iri("selector", "fixture-02-countries-contaminated-position"),
    iri("selector", "fixture-02-countries-contaminated-quote"),
)
AR, DOC = iri("archive", "fixture-article.txt"), iri("source", "fixture-article")
REPORT = iri("source", "monitor-report")
BILL = iri("source", "lva-withdrawal-bill")
TREATY, OTHER_TREATY = iri("treaty", "apmbc"), iri("treaty", "ccm")
R17, R20, EIF = iri("rule", "apmbc-article-17"), iri("rule", "apmbc-article-20"), iri("event", "LVA-entry-into-force")
LVA, LTU = iri("state", "LVA"), iri("state", "LTU")
UN, GOV, MOD = (
    iri("organisation", "united-nations"),
    iri("organisation", "LVA-government"),
    iri("organisation", "LVA-ministry-of-defence"),
)
GAZETTE, COALITION = iri("organisation", "gazette"), iri("organisation", "LVA-LTU-defence-ministers")
OZOLS, BERZINA = iri("person", "janis-ozols"), iri("person", "anna-berzina")
POST_LTU, GAZA = iri("post", "LTU-minister-of-defence"), iri("place", "gaza")
M1, M2 = (
    iri("membership", "janis-ozols-LVA-ministry-of-defence-minister-of-defence"),
    iri("membership", "anna-berzina-monitor-president"),
)
I1, I2 = (
    iri("interval", "janis-ozols-LVA-ministry-of-defence-minister-of-defence"),
    iri("interval", "anna-berzina-monitor-president"),
)
T2020, T2024 = iri("instant", "2020-05-01"), iri("instant", "2024-01-01")
SIG, RAT, SUCC, ACC = (
    iri("event", s) for s in ("LTU-signature", "LTU-ratification", "MNE-succession", "LVA-accession")
)
CAB, VOTE, PROM = (
    iri("event", "LVA-cabinet-decision"),
    iri("event", "LVA-saeima-vote-2025-04-16"),
    iri("event", "LVA-promulgation"),
)
ALT = iri("event", "LVA-saeima-vote-2025-04-16-votes-for-68")
DEP, EFF, DEC = (
    iri("event", "LVA-withdrawal-deposit"),
    iri("event", "LVA-withdrawal-effective"),
    iri("decision", "LVA-withdrawal"),
)
MEASURE = concept("measure", "countries-contaminated")
SUPPORT = concept("stance", "support")
REPORTED = concept("evidence", "reported-position")
SA, CURATORS = (
    iri("stance-assessment", "fixture-01-ozols-defend.LVA-withdrawal"),
    iri("organisation", "fixture-curators"),
)
HEX = "0" * 64


def date(value: str) -> Literal:
    return Literal(value, datatype=ns.XSD.date)


def count(value: int) -> Literal:
    return Literal(str(value), datatype=ns.XSD.nonNegativeInteger)


def drop(*pairs) -> tuple[list, list]:
    """Remove every value of each (subject, property)."""
    return [(s, p, None) for s, p in zip(pairs[::2], pairs[1::2])], []


def extra(s, p, o) -> tuple[list, list]:
    """Add one more value."""
    return [], [(s, p, o)]


def swap(s, p, o) -> tuple[list, list]:
    """Replace every value by ``o``."""
    return [(s, p, None)], [(s, p, o)]


def unlink(s, p, o) -> tuple[list, list]:
    """Remove one triple."""
    return [(s, p, o)], []


class Case(NamedTuple):
    shape: str  # local name in mgsh:
    component: str  # SHACL constraint component without "ConstraintComponent"
    focus: URIRef
    change: tuple[list, list]

    @property
    def id(self) -> str:
        return f"{self.shape}-{self.component}"


CASES = [
    Case("Fact-source", "MinCount", DEC, drop(DEC, DCTERMS.source)),
    Case("ActorSourceShape", "Or", OZOLS, drop(OZOLS, DCTERMS.source)),
    Case("Labelled-label", "MinCount", GAZA, drop(GAZA, RDFS.label)),
    Case("Labelled-label-lang", "UniqueLang", GAZA, extra(GAZA, RDFS.label, Literal("Gaza Strip", lang="en"))),
    Case("Range-source", "Class", DEC, swap(DEC, DCTERMS.source, LVA)),
    Case("Range-actor", "Class", CAB, swap(CAB, MG.actor, DOC)),
    Case("Range-speaker", "Class", S, swap(S, MG.speaker, DOC)),
    Case("Range-speakerCapacity", "Class", S, swap(S, MG.speakerCapacity, I1)),
    Case("Range-about", "Class", S, swap(S, MG.about, LVA)),
    Case("Range-document", "Class", VOTE, swap(VOTE, MG.voteOn, LVA)),
    Case("Range-anchor", "Class", S, swap(S, MG.anchor, DOC)),
    Case("Range-derivedFromStatement", "Class", Q, extra(Q, MG.derivedFromStatement, MU)),
    Case("Range-reviews", "Class", RV, swap(RV, MG.reviews, DOC)),
    Case("Range-archivedText", "Class", REPORT, extra(REPORT, MG.archivedText, DOC)),
    Case("Range-partOf", "Class", CAB, swap(CAB, MG.partOf, LVA)),
    Case("Range-treaty", "Class", DEC, swap(DEC, MG.treaty, DOC)),
    Case("Range-rule", "Class", EIF, swap(EIF, MG.derivedByRule, TREATY)),
    Case("Range-alternativeReport", "Class", VOTE, extra(VOTE, MG.alternativeReport, DOC)),
    Case("PreferredSource-url", "MinCount", BILL, extra(SIG, MG.preferredSource, BILL)),
    Case("PreferredSource-rank", "MinCount", REPORT, extra(RAT, MG.preferredSource, REPORT)),
    Case("Range-post", "Class", M1, swap(M1, MG.post, MOD)),
    Case("Range-place", "Or", VOTE, swap(VOTE, MG.place, MOD)),
    Case("Range-mentions", "Or", MU, extra(MU, MG.mentions, DOC)),
    Case("DateBasis-count", "MaxCount", DEP, extra(DEP, MG.dateBasis, concept("date-basis", "url-path"))),
    Case("DateBasis-value", "In", DEP, swap(DEP, MG.dateBasis, SUPPORT)),
    Case("DerivedDateShape", "Or", EIF, drop(EIF, MG.derivedByRule)),
    Case("Certainty-value", "In", MU, swap(MU, MG.certainty, SUPPORT)),
    Case("Dated-type", "Datatype", SIG, swap(SIG, MG.date, Literal("1999-02-26"))),
    Case("Dated-date", "MaxCount", SIG, extra(SIG, MG.date, date("1999-02-27"))),
    Case("Dated-earliestDate", "MaxCount", PROM, extra(PROM, MG.earliestDate, date("2025-04-22"))),
    Case("Dated-latestDate", "MaxCount", PROM, extra(PROM, MG.latestDate, date("2025-04-25"))),
    Case("Dated-datePublished", "MaxCount", DOC, extra(DOC, ns.SCHEMA.datePublished, date("2025-04-11"))),
    Case("Actor-unnamedInSource", "MaxCount", POST_LTU, extra(POST_LTU, MG.unnamedInSource, Literal(False))),
    Case("Actor-unnamedInSource", "Datatype", POST_LTU, swap(POST_LTU, MG.unnamedInSource, Literal("yes"))),
    Case("Actor-sameAs", "NodeKind", LVA, extra(LVA, OWL.sameAs, Literal("Q211"))),
    Case("State-label", "MaxCount", LVA, extra(LVA, RDFS.label, Literal("Lettland", lang="de"))),
    Case("State-alpha3", "MinCount", LTU, drop(LTU, MG.iso3166Alpha3)),
    Case("State-alpha3", "MaxCount", LTU, extra(LTU, MG.iso3166Alpha3, Literal("LTX"))),
    Case("State-alpha3-form", "Datatype", LTU, swap(LTU, MG.iso3166Alpha3, Literal("LTU", lang="en"))),
    Case("State-alpha3-form", "Pattern", LTU, swap(LTU, MG.iso3166Alpha3, Literal("ltu"))),
    Case("State-alpha2", "MaxCount", LTU, extra(LTU, MG.iso3166Alpha2, Literal("LX"))),
    Case("State-alpha2-form", "Datatype", LTU, swap(LTU, MG.iso3166Alpha2, Literal("LT", datatype=ns.XSD.token))),
    Case("State-alpha2-form", "Pattern", LTU, swap(LTU, MG.iso3166Alpha2, Literal("LTU"))),
    Case("State-inReferenceUniverse", "MaxCount", LTU, extra(LTU, MG.inReferenceUniverse, Literal(False))),
    Case("State-inReferenceUniverse", "Datatype", LTU, swap(LTU, MG.inReferenceUniverse, Literal("true"))),
    Case("CoalitionShape", "Or", COALITION, unlink(COALITION, ORG.hasMember, POST_LTU)),
    Case("Coalition-member-class", "Class", COALITION, extra(COALITION, ORG.hasMember, DOC)),
    Case("Post-postIn", "MinCount", POST_LTU, drop(POST_LTU, ORG.postIn)),
    Case("Post-postIn", "MaxCount", POST_LTU, extra(POST_LTU, ORG.postIn, MOD)),
    Case("Post-postIn-class", "Class", POST_LTU, swap(POST_LTU, ORG.postIn, OZOLS)),
    Case("Post-role", "MaxCount", POST_LTU, extra(POST_LTU, ORG.role, concept("role", "president"))),
    Case("Post-role-value", "Class", POST_LTU, swap(POST_LTU, ORG.role, SUPPORT)),
    Case("Membership-member", "MinCount", M2, drop(M2, ORG.member)),
    Case("Membership-member", "MaxCount", M2, extra(M2, ORG.member, OZOLS)),
    Case("Membership-member-class", "Class", M2, swap(M2, ORG.member, DOC)),
    Case("Membership-organization", "MinCount", M2, drop(M2, ORG.organization)),
    Case("Membership-organization", "MaxCount", M2, extra(M2, ORG.organization, GAZETTE)),
    Case("Membership-organization-class", "Class", M2, swap(M2, ORG.organization, OZOLS)),
    Case("Membership-role", "MinCount", M2, drop(M2, ORG.role)),
    Case("Membership-role", "MaxCount", M2, extra(M2, ORG.role, concept("role", "founder"))),
    Case("Membership-role-value", "Class", M2, swap(M2, ORG.role, SUPPORT)),
    Case("Membership-memberDuring", "MinCount", M2, drop(M2, ORG.memberDuring)),
    Case("Membership-memberDuring", "MaxCount", M2, extra(M2, ORG.memberDuring, I1)),
    Case("Membership-memberDuring-class", "Class", M2, swap(M2, ORG.memberDuring, T2020)),
    Case("Membership-post", "MaxCount", M1, extra(M1, MG.post, POST_LTU)),
    Case("Interval-hasBeginning", "MaxCount", I1, extra(I1, ns.TIME.hasBeginning, T2020)),
    Case("Interval-hasEnd", "MaxCount", I2, extra(I2, ns.TIME.hasEnd, T2024)),
    Case("Interval-instants", "Class", I1, swap(I1, ns.TIME.inside, DOC)),
    Case("IntervalShape", "Or", I2, drop(I2, ns.TIME.hasEnd, I2, ns.TIME.before)),
    Case("Instant-date", "MinCount", T2020, drop(T2020, ns.TIME.inXSDDate)),
    Case("Instant-date", "MaxCount", T2020, extra(T2020, ns.TIME.inXSDDate, date("2020-05-02"))),
    Case("Instant-date-type", "Datatype", T2020, swap(T2020, ns.TIME.inXSDDate, Literal("2020-05-01"))),
    Case("Treaty-depositary", "MaxCount", TREATY, extra(TREATY, MG.depositary, UN)),
    Case("TimingRule-article", "MinCount", R20, drop(R20, MG.article)),
    Case("TimingRule-article", "MaxCount", R20, extra(R20, MG.article, Literal("20(3)"))),
    Case("TimingRule-article-type", "Datatype", R20, swap(R20, MG.article, Literal("20(2)", lang="en"))),
    Case("TimingRule-appliesTo", "MinCount", R20, drop(R20, MG.appliesTo)),
    Case("TimingRule-appliesTo", "MaxCount", R20, extra(R20, MG.appliesTo, MG.Signature)),
    Case("TimingRule-yields", "MinCount", R20, drop(R20, MG.yields)),
    Case("TimingRule-yields", "MaxCount", R20, extra(R20, MG.yields, MG.Signature)),
    Case("TimingRule-classes", "Class", R20, swap(R20, MG.yields, LVA)),
    Case("TimingRule-monthsAfter", "MinCount", R20, drop(R20, MG.monthsAfter)),
    Case("TimingRule-monthsAfter", "MaxCount", R20, extra(R20, MG.monthsAfter, count(7))),
    Case("TimingRule-monthsAfter-type", "Datatype", R20, swap(R20, MG.monthsAfter, Literal(6))),
    Case("TimingRule-firstDayOfMonth", "MinCount", R20, drop(R20, MG.firstDayOfMonth)),
    Case("TimingRule-firstDayOfMonth", "MaxCount", R20, extra(R20, MG.firstDayOfMonth, Literal(True))),
    Case("TimingRule-firstDayOfMonth-type", "Datatype", R20, swap(R20, MG.firstDayOfMonth, Literal("false"))),
    Case(
        "TimingRule-instrumentThreshold",
        "MaxCount",
        R17,
        extra(R17, MG.instrumentThreshold, Literal("41", datatype=ns.XSD.positiveInteger)),
    ),
    Case("TimingRule-instrumentThreshold", "Datatype", R17, swap(R17, MG.instrumentThreshold, Literal(40))),
    Case("TimingRule-exception", "Datatype", R20, swap(R20, MG.exception, Literal("Not during an armed conflict."))),
    Case("Event-contested", "MaxCount", EFF, extra(EFF, MG.contested, Literal(True))),
    Case("Event-contested", "Datatype", EFF, swap(EFF, MG.contested, Literal("no"))),
    Case("Event-legalEffect", "Datatype", EFF, swap(EFF, MG.legalEffect, Literal("No longer binding."))),
    Case("DatedEventShape", "Or", SIG, drop(SIG, MG.date)),
    Case("ActedEvent-actor", "MinCount", CAB, drop(CAB, MG.actor)),
    Case("TreatyAct-treaty", "MinCount", SIG, drop(SIG, MG.treaty)),
    Case("TreatyAct-treaty", "MaxCount", SIG, extra(SIG, MG.treaty, OTHER_TREATY)),
    Case("StateAct-actor", "MinCount", SIG, drop(SIG, MG.actor)),
    Case("StateAct-actor", "MaxCount", SIG, extra(SIG, MG.actor, LVA)),
    Case("StateAct-actor-class", "Class", SIG, swap(SIG, MG.actor, GOV)),
    Case("Consent-instrument", "MinCount", ACC, drop(ACC, MG.instrument)),
    Case("Consent-instrument", "MaxCount", RAT, extra(RAT, MG.instrument, concept("instrument", "acceptance"))),
    Case("Consent-instrument-value", "In", RAT, swap(RAT, MG.instrument, SUPPORT)),
    Case("Consent-depositaryName", "MaxCount", RAT, extra(RAT, MG.depositaryName, Literal("Lietuva"))),
    Case("Consent-depositaryName", "Datatype", RAT, swap(RAT, MG.depositaryName, Literal("Lithuania", lang="en"))),
    Case("Ratification-instrument", "In", RAT, swap(RAT, MG.instrument, concept("instrument", "accession"))),
    Case("Accession-instrument", "In", ACC, swap(ACC, MG.instrument, concept("instrument", "ratification"))),
    Case("Succession-instrument", "In", SUCC, swap(SUCC, MG.instrument, concept("instrument", "accession"))),
    Case("Vote-actor", "MinCount", VOTE, drop(VOTE, MG.actor)),
    Case("Vote-actor", "MaxCount", VOTE, extra(VOTE, MG.actor, iri("organisation", "LVA-saeima-committee"))),
    Case("Vote-actor-class", "Class", VOTE, swap(VOTE, MG.actor, GOV)),
    Case("Vote-outcome", "MaxCount", VOTE, extra(VOTE, MG.outcome, concept("vote-outcome", "rejected"))),
    Case("Vote-outcome-value", "In", VOTE, swap(VOTE, MG.outcome, SUPPORT)),
    Case(
        "Vote-votingMethod", "MaxCount", VOTE, extra(VOTE, MG.votingMethod, concept("voting-method", "show-of-hands"))
    ),
    Case("Vote-votingMethod-value", "In", VOTE, swap(VOTE, MG.votingMethod, SUPPORT)),
    Case("Vote-counts-type", "Datatype", VOTE, swap(VOTE, MG.votesFor, Literal(66))),
    Case("Vote-votesFor", "MaxCount", VOTE, extra(VOTE, MG.votesFor, count(68))),
    Case("Vote-votesAgainst", "MaxCount", VOTE, extra(VOTE, MG.votesAgainst, count(15))),
    Case("Vote-abstentions", "MaxCount", VOTE, extra(VOTE, MG.abstentions, count(3))),
    Case("Vote-notVoting", "MaxCount", VOTE, extra(VOTE, MG.notVoting, count(19))),
    Case("AlternativeReport-ofProperty", "MinCount", ALT, drop(ALT, MG.ofProperty)),
    Case("AlternativeReport-ofProperty", "MaxCount", ALT, extra(ALT, MG.ofProperty, MG.votesAgainst)),
    Case("AlternativeReport-ofProperty-kind", "NodeKind", ALT, swap(ALT, MG.ofProperty, Literal("votesFor"))),
    Case("AlternativeReport-value", "MinCount", ALT, drop(ALT, RDF.value)),
    Case("AlternativeReport-value", "MaxCount", ALT, extra(ALT, RDF.value, count(67))),
    Case("AlternativeReport-owner", "MinCount", ALT, unlink(VOTE, MG.alternativeReport, ALT)),
    Case("AlternativeReport-owner", "MaxCount", ALT, extra(SIG, MG.alternativeReport, ALT)),
    Case("Decision-decidedBy", "MinCount", DEC, drop(DEC, MG.decidedBy)),
    Case("Decision-decisionType", "MinCount", DEC, drop(DEC, MG.decisionType)),
    Case("Decision-decisionType", "MaxCount", DEC, extra(DEC, MG.decisionType, concept("decision-type", "suspension"))),
    Case("Decision-decisionType-value", "In", DEC, swap(DEC, MG.decisionType, SUPPORT)),
    Case("Decision-treaty", "MaxCount", DEC, extra(DEC, MG.treaty, OTHER_TREATY)),
    Case("SourceDocumentShape", "Or", REPORT, drop(REPORT, ns.SCHEMA.url)),
    Case(
        "SourceDocument-url",
        "MaxCount",
        DOC,
        extra(DOC, ns.SCHEMA.url, Literal("https://gazette.example.org/x", datatype=ns.XSD.anyURI)),
    ),
    Case(
        "SourceDocument-url-form",
        "Datatype",
        REPORT,
        swap(REPORT, ns.SCHEMA.url, Literal("https://monitor.example.org/report")),
    ),
    Case(
        "SourceDocument-url-form",
        "Pattern",
        REPORT,
        swap(REPORT, ns.SCHEMA.url, Literal("ftp://monitor.example.org/r", datatype=ns.XSD.anyURI)),
    ),
    Case("SourceDocument-sourceKind", "MaxCount", DOC, extra(DOC, MG.sourceKind, concept("source-kind", "ngo"))),
    Case("SourceDocument-sourceKind-value", "In", DOC, swap(DOC, MG.sourceKind, SUPPORT)),
    Case("SourceDocument-authorityRank", "MaxCount", DOC, extra(DOC, MG.authorityRank, Literal(2))),
    Case("SourceDocument-authorityRank-range", "Datatype", DOC, swap(DOC, MG.authorityRank, Literal("3"))),
    Case("SourceDocument-authorityRank-range", "MinInclusive", DOC, swap(DOC, MG.authorityRank, Literal(0))),
    Case("SourceDocument-authorityRank-range", "MaxInclusive", DOC, swap(DOC, MG.authorityRank, Literal(6))),
    Case("SourceDocument-publisherName", "Datatype", DOC, swap(DOC, MG.publisherName, Literal("Gazette", lang="en"))),
    Case("SourceDocument-archivedText", "MaxCount", DOC, extra(DOC, MG.archivedText, iri("archive", "other.txt"))),
    Case("ArchivedText-path", "MinCount", AR, drop(AR, MG.path)),
    Case("ArchivedText-path", "MaxCount", AR, extra(AR, MG.path, Literal("sources/other.txt"))),
    Case(
        "ArchivedText-path-form", "Datatype", AR, swap(AR, MG.path, Literal("sources/fixture-article.txt", lang="en"))
    ),
    Case("ArchivedText-path-form", "Pattern", AR, swap(AR, MG.path, Literal("../secret.txt"))),
    Case("ArchivedText-sha256", "MinCount", AR, drop(AR, MG.sha256)),
    Case("ArchivedText-sha256", "MaxCount", AR, extra(AR, MG.sha256, Literal(HEX))),
    Case("ArchivedText-sha256-form", "Datatype", AR, swap(AR, MG.sha256, Literal(HEX, datatype=ns.XSD.hexBinary))),
    Case("ArchivedText-sha256-form", "Pattern", AR, swap(AR, MG.sha256, Literal("F" * 64))),
    Case("ArchivedText-characterCount", "MinCount", AR, drop(AR, MG.characterCount)),
    Case("ArchivedText-characterCount", "MaxCount", AR, extra(AR, MG.characterCount, count(422))),
    Case("ArchivedText-characterCount-type", "Datatype", AR, swap(AR, MG.characterCount, Literal(421))),
    Case("ArchivedText-document", "MinCount", AR, unlink(DOC, MG.archivedText, AR)),
    Case("Assertion-speaker", "MinCount", S, drop(S, MG.speaker)),
    Case("Assertion-speaker", "MaxCount", S, extra(S, MG.speaker, BERZINA)),
    Case("ArchivedAssertion-quote", "Or", S, drop(S, MG.quote)),
    Case("Assertion-quote", "MaxCount", S, extra(S, MG.quote, Literal("Mūsu karavīriem", lang="lv"))),
    Case(
        "Assertion-quote-type",
        "Datatype",
        S,
        swap(S, MG.quote, Literal("Our soldiers must be able to defend every metre of our land")),
    ),
    Case("ArchivedAssertion-mode", "Or", S, drop(S, MG.mode)),
    Case("Assertion-mode", "MaxCount", S, extra(S, MG.mode, concept("quote-mode", "partial"))),
    Case("Assertion-mode-value", "In", S, swap(S, MG.mode, SUPPORT)),
    Case("Assertion-appearsIn", "MinCount", S, drop(S, MG.appearsIn)),
    Case("Assertion-appearsIn", "MaxCount", S, extra(S, MG.appearsIn, REPORT)),
    Case("ArchivedAssertion-anchor", "Or", S, drop(S, MG.anchor)),
    Case("Statement-evidenceLevel", "MinCount", S, drop(S, MG.evidenceLevel)),
    Case("Statement-evidenceLevel", "MaxCount", S, extra(S, MG.evidenceLevel, REPORTED)),
    Case("EvidenceLevel-value", "In", S, swap(S, MG.evidenceLevel, SUPPORT)),
    Case("Summary-text", "Datatype", S, extra(S, MG.summary, Literal("Says the soldiers must defend the land"))),
    Case(
        "Summary-text",
        "MaxCount",
        S,
        ([], [(S, MG.summary, Literal("One reading", lang="en")), (S, MG.summary, Literal("Another", lang="en"))]),
    ),
    Case("ReportedPosition-quote", "Or", S, swap(S, MG.evidenceLevel, REPORTED)),
    Case("ReportedPosition-anchor", "Or", S, swap(S, MG.evidenceLevel, REPORTED)),
    Case("ReportedPosition-summary", "Or", S, swap(S, MG.evidenceLevel, REPORTED)),
    Case("AnchoredQuote-quote", "Or", S, drop(S, MG.quote)),
    Case("AnchoredQuote-anchor", "Or", S, drop(S, MG.anchor)),
    Case("Assertion-anchor", "MaxCount", S, extra(S, MG.anchor, A2)),
    Case("Assertion-speakerCapacity", "MaxCount", S, extra(S, MG.speakerCapacity, M2)),
    Case("Assertion-cue", "MaxCount", S, extra(S, MG.cue, Literal("said", lang="en"))),
    Case("Assertion-texts", "Datatype", S, swap(S, MG.speakerAsReported, Literal("defence minister Jānis Ozols"))),
    Case("SpeakerCapacityShape", "Or", S, swap(S, MG.speakerCapacity, M2)),
    Case("PersonCapacityShape", "Or", S, drop(S, MG.speakerCapacity)),
    Case("Statement-about", "MinCount", S, drop(S, MG.about)),
    Case("Statement-assessed", "MinCount", S, unlink(SA, MG.assessedStatement, S)),
    Case("Range-assessedStatement", "Class", SA, swap(SA, MG.assessedStatement, Q)),
    Case("Range-towards", "Class", SA, swap(SA, MG.towards, LVA)),
    Case("StanceAssessment-statement", "MinCount", SA, drop(SA, MG.assessedStatement)),
    Case("StanceAssessment-statement", "MaxCount", SA, extra(SA, MG.assessedStatement, iri("statement", "other"))),
    Case("StanceAssessment-towards", "MinCount", SA, drop(SA, MG.towards)),
    Case("StanceAssessment-towards", "MaxCount", SA, extra(SA, MG.towards, iri("decision", "LTU-withdrawal"))),
    Case("StanceAssessment-stance", "MinCount", SA, drop(SA, MG.stance)),
    Case("StanceAssessment-stance", "MaxCount", SA, extra(SA, MG.stance, concept("stance", "oppose"))),
    Case("StanceAssessment-stance-value", "In", SA, swap(SA, MG.stance, concept("quote-mode", "direct"))),
    Case("StanceAssessment-method", "MinCount", SA, drop(SA, MG.assessmentMethod)),
    Case(
        "StanceAssessment-method",
        "MaxCount",
        SA,
        extra(SA, MG.assessmentMethod, concept("assessment-method", "accepted")),
    ),
    Case("StanceAssessment-method-value", "In", SA, swap(SA, MG.assessmentMethod, SUPPORT)),
    Case("StanceAssessment-assessor", "MinCount", SA, drop(SA, ns.PROV.wasAttributedTo)),
    Case("StanceAssessment-assessor", "MaxCount", SA, extra(SA, ns.PROV.wasAttributedTo, GOV)),
    Case("StanceAssessment-assessor-class", "Class", SA, swap(SA, ns.PROV.wasAttributedTo, DOC)),
    Case(
        "StanceAssessment-confidence", "MaxCount", SA, extra(SA, MG.confidence, Literal("0.5", datatype=ns.XSD.decimal))
    ),
    Case("StanceAssessment-confidence-value", "Datatype", SA, swap(SA, MG.confidence, Literal(0.9))),
    Case(
        "StanceAssessment-confidence-value",
        "MinInclusive",
        SA,
        swap(SA, MG.confidence, Literal("-0.1", datatype=ns.XSD.decimal)),
    ),
    Case(
        "StanceAssessment-confidence-value",
        "MaxInclusive",
        SA,
        swap(SA, MG.confidence, Literal("1.5", datatype=ns.XSD.decimal)),
    ),
    Case("StanceAssessment-note", "MinCount", SA, drop(SA, MG.stanceNote)),
    Case("StanceAssessment-texts", "Datatype", SA, swap(SA, MG.restsOn, Literal("defend every metre"))),
    Case(
        "SuggestedAssessmentShape",
        "Or",
        SA,
        (
            [(SA, MG.assessmentMethod, None), (SA, MG.confidence, None)],
            [(SA, MG.assessmentMethod, concept("assessment-method", "suggested"))],
        ),
    ),
    Case("QuantitativeClaimShape", "Or", Q, drop(Q, MG.value, Q, MG.valueText)),
    Case("QuantitativeClaim-measure", "MinCount", Q, drop(Q, MG.measure)),
    Case("QuantitativeClaim-measure", "MaxCount", Q, extra(Q, MG.measure, concept("measure", "casualties"))),
    Case("QuantitativeClaim-measure-scheme", "Node", Q, swap(Q, MG.measure, SUPPORT)),
    Case("QuantitativeClaim-value", "MaxCount", Q, extra(Q, MG.value, Literal("59", datatype=ns.XSD.decimal))),
    Case("QuantitativeClaim-value-type", "Datatype", Q, swap(Q, MG.value, Literal(58))),
    Case("QuantitativeClaim-valueText", "MaxCount", Q, extra(Q, MG.valueText, Literal("58"))),
    Case(
        "QuantitativeClaim-valueQualifier",
        "MaxCount",
        Q,
        extra(Q, MG.valueQualifier, concept("value-qualifier", "about")),
    ),
    Case("QuantitativeClaim-valueQualifier-value", "In", Q, swap(Q, MG.valueQualifier, SUPPORT)),
    Case("QuantitativeClaim-asOf", "MaxCount", Q, extra(Q, MG.asOf, date("2025-01-01"))),
    Case("QuantitativeClaim-strings", "Datatype", Q, swap(Q, MG.unitText, Literal("countries", lang="en"))),
    Case("MineUseFinding-userKind", "MinCount", MU, drop(MU, MG.userKind)),
    Case("MineUseFinding-userKind", "MaxCount", MU, extra(MU, MG.userKind, concept("user-kind", "government-forces"))),
    Case("MineUseFinding-userKind-value", "In", MU, swap(MU, MG.userKind, SUPPORT)),
    Case("MineUseFinding-certainty", "MinCount", MU, drop(MU, MG.certainty)),
    Case("MineUseFinding-certainty", "MaxCount", MU, extra(MU, MG.certainty, concept("certainty", "reported"))),
    Case("MineUseFinding-place", "MinCount", MU, drop(MU, MG.place)),
    Case("ContaminationFinding-place", "MinCount", CF, drop(CF, MG.place)),
    Case("Anchor-hasSource", "MinCount", A1, drop(A1, OA.hasSource)),
    Case("Anchor-hasSource", "MaxCount", A1, extra(A1, OA.hasSource, iri("archive", "other.txt"))),
    Case("Anchor-hasSource-class", "Class", A1, swap(A1, OA.hasSource, DOC)),
    Case("Anchor-position", "QualifiedMinCount", A1, unlink(A1, OA.hasSelector, POS1)),
    Case("Anchor-position", "QualifiedMaxCount", A1, extra(A1, OA.hasSelector, POS2)),
    Case("Anchor-quote", "QualifiedMinCount", A1, unlink(A1, OA.hasSelector, QS1)),
    Case("Anchor-quote", "QualifiedMaxCount", A1, extra(A1, OA.hasSelector, QS2)),
    Case("Anchor-assertion", "MinCount", A4, drop(CF, MG.anchor)),
    Case("Position-start", "MinCount", POS1, drop(POS1, OA.start)),
    Case("Position-start", "MaxCount", POS1, extra(POS1, OA.start, count(79))),
    Case("Position-end", "MinCount", POS1, drop(POS1, OA.end)),
    Case("Position-end", "MaxCount", POS1, extra(POS1, OA.end, count(138))),
    Case("Position-offsets-type", "Or", POS1, swap(POS1, OA.end, Literal("137"))),
    Case("Position-offsets-type", "MinInclusive", POS2, swap(POS2, OA.start, Literal(-1))),
    Case("Position-order", "LessThan", POS1, swap(POS1, OA.start, count(200))),
    Case("QuoteSelector-exact", "MinCount", QS1, drop(QS1, OA.exact)),
    Case("QuoteSelector-exact", "MaxCount", QS1, extra(QS1, OA.exact, Literal("Our soldiers"))),
    Case("QuoteSelector-texts", "NodeKind", QS1, swap(QS1, OA.prefix, DOC)),
    Case("QuoteSelector-prefix", "MaxCount", QS1, extra(QS1, OA.prefix, Literal('Thursday.\n"'))),
    Case("QuoteSelector-suffix", "MaxCount", QS1, extra(QS1, OA.suffix, Literal(',"'))),
    Case("ClaimReview-reviews", "MinCount", RV, drop(RV, MG.reviews)),
    Case("ClaimReview-reviews", "MaxCount", RV, extra(RV, MG.reviews, MU)),
    Case("ClaimReview-assessment", "MinCount", RV, drop(RV, MG.assessment)),
    Case("ClaimReview-assessment", "MaxCount", RV, extra(RV, MG.assessment, concept("assessment", "correct"))),
    Case("ClaimReview-assessment-value", "In", RV, swap(RV, MG.assessment, SUPPORT)),
    Case("ClaimReview-assessmentText", "MaxCount", RV, extra(RV, MG.assessmentText, Literal("close enough"))),
    Case("ClaimReview-assessmentText", "Datatype", RV, swap(RV, MG.assessmentText, Literal("imprecise", lang="en"))),
    Case(
        "ClaimReview-referenceValue",
        "MaxCount",
        RV,
        extra(RV, MG.referenceValue, Literal("59", datatype=ns.XSD.decimal)),
    ),
    Case("ClaimReview-referenceValue", "Datatype", RV, swap(RV, MG.referenceValue, Literal(58))),
    Case("Concept-inScheme", "MinCount", MEASURE, drop(MEASURE, SKOS.inScheme)),
    Case("Concept-inScheme-class", "Class", MEASURE, extra(MEASURE, SKOS.inScheme, DOC)),
    Case("Concept-prefLabel", "MinCount", MEASURE, drop(MEASURE, SKOS.prefLabel)),
    Case(
        "Concept-prefLabel",
        "UniqueLang",
        MEASURE,
        extra(MEASURE, SKOS.prefLabel, Literal("contaminated countries", lang="en")),
    ),
    Case("Concept-notation", "MaxCount", MEASURE, extra(MEASURE, SKOS.notation, Literal("cc"))),
]


@pytest.fixture(scope="session")
def shapes_graph(schema) -> Graph:
    return schema.shapes


@pytest.fixture(scope="session")
def case_reports(run_mutation):
    """Each case's validation report (pySHACL only), computed once for the session."""
    return {case.id: run_mutation(*case.change, checks=[]) for case in CASES}


def test_case_ids_are_unique():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_constraint_is_reported_with_its_message(case, case_reports, shapes_graph):
    shape = URIRef(f"https://w3id.org/minegraph/shapes#{case.shape}")
    message = str(shapes_graph.value(shape, SH.message))
    severity = str(shapes_graph.value(shape, SH.severity) or SH.Violation).split("#")[-1]
    report = case_reports[case.id]
    matching = [
        f
        for f in report.findings
        if f.source == f"shape mgsh:{case.shape}" and f.component == f"{case.component}ConstraintComponent"
    ]
    assert any(f.focus == str(case.focus) for f in matching), (
        f"{case.id} not reported on {case.focus}; findings: {[(f.source, f.component, f.focus) for f in report.findings]}"
    )
    assert {(f.message, f.severity) for f in matching} == {(message, severity)}


def test_every_constraint_of_the_shapes_has_a_breaking_case(case_reports, shape_constraints):
    produced = {
        (f.source.removeprefix("shape mgsh:"), f.component.removesuffix("ConstraintComponent"))
        for report in case_reports.values()
        for f in report.findings
        if f.source.startswith("shape mgsh:")
    }
    missing = shape_constraints - produced
    assert not missing, f"constraints that no case breaks: {sorted(missing)}"


def test_every_case_names_a_constraint_of_the_shapes(shape_constraints):
    stale = {(c.shape, c.component) for c in CASES} - shape_constraints
    assert not stale, f"cases for constraints that do not exist: {sorted(stale)}"


def test_a_violation_fails_validation(case_reports):
    report = case_reports["StanceAssessment-stance-MinCount"]
    assert report.counts()["Violation"] >= 1 and report.conforms is False


def test_warnings_alone_do_not_fail_validation(case_reports):
    report = case_reports["PersonCapacityShape-Or"]
    assert report.counts() == {"Violation": 0, "Warning": 1, "Info": 0}
    assert report.conforms is True


def test_a_coalition_the_source_does_not_name_needs_no_members(run_mutation):
    report = run_mutation(
        [(COALITION, ORG.hasMember, None)], [(COALITION, MG.unnamedInSource, Literal(True))], checks=[]
    )
    assert report.findings == []


def test_stance_and_speaker_messages_read_as_sentences(case_reports):
    stance = case_reports["StanceAssessment-stance-value-In"].messages()
    speaker = case_reports["Assertion-speaker-MinCount"].messages()
    assert "A stance must be one of support, oppose, neutral, mixed" in stance
    assert "An assertion needs exactly one speaker (mg:speaker)" in speaker


def test_a_suggested_assessment_with_a_confidence_and_a_curated_one_without_conform(run_mutation):
    suggested = run_mutation(
        [(SA, MG.assessmentMethod, None)],
        [(SA, MG.assessmentMethod, concept("assessment-method", "suggested"))],
        checks=[],
    )
    curated = run_mutation([(SA, MG.confidence, None)], [], checks=[])
    assert suggested.findings == [] and curated.findings == []


def test_a_claim_known_only_from_a_page_that_was_not_archived_needs_no_quote_or_anchor(run_mutation):
    """Reference figures come from pages that were not archived: nothing to anchor, nothing to quote."""
    report = run_mutation(
        [(Q, MG.quote, None), (Q, MG.mode, None), (Q, MG.anchor, None), (Q, MG.appearsIn, None), (A2, None, None)],
        [(Q, MG.appearsIn, REPORT)],
    )
    assert [f.message for f in report.findings if f.severity == "Violation"] == []


def test_a_reported_position_without_quote_or_anchor_conforms(run_mutation):
    """A position read on a page that is not archived: the curators' summary, no quote, no anchor."""
    report = run_mutation(
        [
            (S, MG.quote, None),
            (S, MG.mode, None),
            (S, MG.anchor, None),
            (S, MG.appearsIn, None),
            (S, MG.cue, None),
            (S, MG.speakerAsReported, None),
            (S, MG.evidenceLevel, None),
            (A1, None, None),
            (S, DCTERMS.source, None),
        ],
        [
            (S, MG.appearsIn, REPORT),
            (S, DCTERMS.source, REPORT),
            (S, MG.evidenceLevel, REPORTED),
            (
                S,
                MG.summary,
                Literal("Argues that the army must be able to defend all of Latvia's territory", lang="en"),
            ),
        ],
        checks=[],
    )
    assert [f.message for f in report.findings if f.severity == "Violation"] == []

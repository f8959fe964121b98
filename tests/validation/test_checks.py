"""The checks SHACL cannot express (minegraph.validation.checks), each broken on the valid fixture and shown
to report the break with its message; plus the oracle's allow-list."""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from minegraph.core import namespaces as ns  # XSD, TIME through the module: pytest probes module globals
from minegraph.core.namespaces import MG, OA, iri
from minegraph.validation.checks import profile

S, Q = iri("statement", "fixture-01-ozols-defend"), iri("claim", "fixture-02-countries-contaminated")
MU, CF = iri("claim", "fixture-03-mine-use-gaza"), iri("claim", "fixture-04-gaza-contaminated")
POS1, QS1 = iri("selector", "fixture-01-ozols-defend-position"), iri("selector", "fixture-01-ozols-defend-quote")
POS2 = iri("selector", "fixture-02-countries-contaminated-position")
AR, REPORT = iri("archive", "fixture-article.txt"), iri("source", "monitor-report")
LVA, LTU, GAZA, OZOLS = iri("state", "LVA"), iri("state", "LTU"), iri("place", "gaza"), iri("person", "janis-ozols")
PROM = iri("event", "LVA-promulgation")
I1 = iri("interval", "janis-ozols-LVA-ministry-of-defence-minister-of-defence")
I2 = iri("interval", "anna-berzina-monitor-president")
T2020 = iri("instant", "2020-05-01")
NOBODY = iri("person", "nobody")
SA, DEC = iri("stance-assessment", "fixture-01-ozols-defend.LVA-withdrawal"), iri("decision", "LVA-withdrawal")
QUOTE = "Our soldiers must be able to defend every metre of our land"
SHA = "f8cdbb64d12308865c8c08452c875821fda42239e1f879a894e1a20d9f058ea4"
BILL, ARTICLE = iri("source", "lva-withdrawal-bill"), iri("source", "fixture-article")
MONITOR = iri("source", "monitor-report")


def date(value: str) -> Literal:
    return Literal(value, datatype=ns.XSD.date)


def count(value: int) -> Literal:
    return Literal(str(value), datatype=ns.XSD.nonNegativeInteger)


class Case(NamedTuple):
    id: str
    check: str
    focus: URIRef
    message: str
    remove: list = []
    add: list = []
    files: dict | None = None


def swap(s, p, o) -> dict:
    return {"remove": [(s, p, None)], "add": [(s, p, o)]}


CASES = [
    Case(
        "quote-differs-from-exact",
        "quotes",
        S,
        "The quote (mg:quote) differs from the TextQuoteSelector's text (oa:exact)",
        **swap(S, MG.quote, Literal("Our soldiers must defend every metre", lang="en")),
    ),
    Case(
        "offsets-shifted",
        "quotes",
        S,
        "Anchor: text at offsets 79..137 is 'ur soldiers must be able to defend every metre of our land', "
        f"not the quote {QUOTE!r}",
        **swap(POS1, OA.start, count(79)),
    ),
    Case(
        "quote-not-the-archived-text",
        "quotes",
        S,
        f"Anchor: text at offsets 78..137 is {QUOTE!r}, not the quote 'Our soldiers must be able to defend every metre of our LAND'",
        remove=[(QS1, OA.exact, None), (S, MG.quote, None)],
        add=[(QS1, OA.exact, Literal(QUOTE[:-4] + "LAND")), (S, MG.quote, Literal(QUOTE[:-4] + "LAND", lang="en"))],
    ),
    Case(
        "prefix-wrong",
        "quotes",
        S,
        "Anchor: TextQuoteSelector prefix 'Friday.\\n\"' does not precede offset 78",
        **swap(QS1, OA.prefix, Literal('Friday.\n"')),
    ),
    Case(
        "suffix-wrong",
        "quotes",
        S,
        "Anchor: TextQuoteSelector suffix ',\" said' does not follow offset 137",
        **swap(QS1, OA.suffix, Literal(',"' + " said")),
    ),
    Case(
        "offsets-outside-text",
        "quotes",
        Q,
        "Anchor: offsets 220..999 lie outside the archived text (421 characters)",
        **swap(POS2, OA.end, count(999)),
    ),
    Case(
        "anchor-in-another-documents-text",
        "quotes",
        S,
        "The anchor points into an archived text (oa:hasSource) that is not the archived text of the document "
        "the assertion appears in (mg:appearsIn / mg:archivedText)",
        **swap(S, MG.appearsIn, REPORT),
    ),
    Case(
        "sha256-differs",
        "archives",
        AR,
        f"The archived file's SHA-256 is {SHA}, not the recorded {'0' * 64}",
        **swap(AR, MG.sha256, Literal("0" * 64)),
    ),
    Case(
        "archived-file-edited",
        "archives",
        AR,
        f"The archived file's SHA-256 is {hashlib.sha256(b'edited').hexdigest()}, not the recorded {SHA}",
        files={"fixture-article.txt": b"edited"},
    ),
    Case(
        "archived-file-missing",
        "archives",
        AR,
        "The archived text file graph/sources/missing.txt cannot be read: No such file or directory",
        **swap(AR, MG.path, Literal("sources/missing.txt")),
    ),
    Case(
        "archived-path-leaves-graph-dir",
        "archives",
        AR,
        "The archived text path '../ontology/shapes.ttl' (mg:path) leads outside the graph/ directory",
        **swap(AR, MG.path, Literal("../ontology/shapes.ttl")),
    ),
    Case(
        "archived-file-not-utf8",
        "archives",
        AR,
        "The archived text file graph/sources/latin1.txt is not valid UTF-8 (invalid continuation byte at byte 3)",
        files={"latin1.txt": b"caf\xe9 au lait\n"},
        **swap(AR, MG.path, Literal("sources/latin1.txt")),
    ),
    Case(
        "character-count-differs",
        "archives",
        AR,
        "The archived text has 421 characters, not the recorded 420 (mg:characterCount)",
        **swap(AR, MG.characterCount, count(420)),
    ),
    Case(
        "cue-absent",
        "cues",
        S,
        "The attribution cue 'said the Gazette' (mg:cue) does not occur in the quote's paragraph of the archived text",
        **swap(S, MG.cue, Literal("said the Gazette", lang="en")),
    ),
    Case(
        "cue-in-another-paragraph",
        "cues",
        CF,
        "The attribution cue 'According to the Monitor report' (mg:cue) does not occur in the quote's paragraph of the archived text",
        **swap(CF, MG.cue, Literal("According to the Monitor report", lang="en")),
    ),
    Case(
        "rests-on-words-not-in-text",
        "rests-on",
        SA,
        "The words 'defend every inch' the stance rests on (mg:restsOn) do not occur in the archived text of the assessed statement",
        **swap(SA, MG.restsOn, Literal("defend every inch", lang="en")),
    ),
    Case(
        "about-without-assessment",
        "assessed-decisions",
        S,
        f"The statement is about <{iri('decision', 'LTU-withdrawal')}> (mg:about) but no stance assessment of it is toward "
        "that decision (mg:towards)",
        add=[(S, MG.about, iri("decision", "LTU-withdrawal"))],
    ),
    Case(
        "assessment-toward-a-decision-not-about",
        "assessed-decisions",
        S,
        f"A stance assessment of the statement is toward <{DEC}> (mg:towards), but the statement is not about it (mg:about)",
        remove=[(S, MG.about, None)],
    ),
    Case(
        "two-assessments-toward-one-decision",
        "assessed-decisions",
        S,
        f"The statement has more than one stance assessment toward <{DEC}> by <{iri('organisation', 'fixture-curators')}>",
        add=[
            (iri("stance-assessment", "x"), MG.assessedStatement, S),
            (iri("stance-assessment", "x"), MG.towards, DEC),
            (iri("stance-assessment", "x"), ns.PROV.wasAttributedTo, iri("organisation", "fixture-curators")),
        ],
    ),
    Case(
        "dangling-iri",
        "references",
        S,
        f"<{NOBODY}> is described nowhere (no triple has it as subject) and is not an allowed external IRI",
        add=[(S, MG.mentions, NOBODY)],
    ),
    Case(
        "dangling-iri-used-three-times",
        "references",
        Q,
        f"<{NOBODY}> is described nowhere (no triple has it as subject) and is not an allowed external IRI; "
        f"also used by 2 other subject(s): <{MU}>, <{S}>",
        add=[(S, MG.mentions, NOBODY), (MU, MG.mentions, NOBODY), (Q, MG.mentions, NOBODY)],
    ),
    Case(
        "misspelt-class",
        "references",
        GAZA,
        f"<{MG.Plaec}> is described nowhere (no triple has it as subject) and is not an allowed external IRI",
        **swap(GAZA, RDF.type, MG.Plaec),
    ),
    Case(
        "external-iri-not-allowed",
        "references",
        LVA,
        "<https://example.org/latvia> is described nowhere (no triple has it as subject) and is not an allowed external IRI",
        add=[(LVA, RDFS.seeAlso, URIRef("https://example.org/latvia"))],
    ),
    Case(
        "misspelt-property",
        "terms",
        S,
        f"The property <{MG.speeker}> is not declared in the ontology and is not from a reused vocabulary",
        add=[(S, MG.speeker, OZOLS)],
    ),
    Case(
        "property-of-unknown-vocabulary",
        "terms",
        S,
        "The property <http://example.org/vocab#rating> is not declared in the ontology and is not from a reused vocabulary",
        add=[(S, URIRef("http://example.org/vocab#rating"), Literal(5))],
    ),
    Case(
        "state-iri-not-its-code",
        "identifiers",
        LTU,
        f"The IRI <{LTU}> is not the one its identifier 'LTV' gives: <{iri('state', 'LTV')}>",
        **swap(LTU, MG.iso3166Alpha3, Literal("LTV")),
    ),
    Case(
        "instant-iri-not-its-date",
        "identifiers",
        T2020,
        f"The IRI <{T2020}> is not the one its identifier '2020-05-02' gives: <{iri('instant', '2020-05-02')}>",
        **swap(T2020, ns.TIME.inXSDDate, date("2020-05-02")),
    ),
    Case(
        "earliest-after-latest",
        "date-bounds",
        PROM,
        "The earliest date 2025-04-25 is after the latest date 2025-04-24",
        **swap(PROM, MG.earliestDate, date("2025-04-25")),
    ),
    Case(
        "date-before-earliest",
        "date-bounds",
        PROM,
        "The date 2025-04-22 is before the earliest date 2025-04-23",
        add=[(PROM, MG.date, date("2025-04-22"))],
    ),
    Case(
        "date-after-latest",
        "date-bounds",
        PROM,
        "The date 2025-04-26 is after the latest date 2025-04-24",
        add=[(PROM, MG.date, date("2025-04-26"))],
    ),
    Case(
        "interval-ends-before-it-begins",
        "intervals",
        I1,
        "The interval begins on 2024-01-01, after it ends on 2020-05-01",
        add=[(I1, ns.TIME.hasEnd, T2020)],
    ),
    Case(
        "inside-instant-outside-interval",
        "intervals",
        I1,
        "The instant 2020-05-01 inside the interval lies outside its beginning and end",
        **swap(I1, ns.TIME.inside, T2020),
    ),
    Case(
        "before-instant-not-after-interval",
        "intervals",
        I2,
        "The interval is said to end before 2020-05-01, but it begins or ends on 2020-05-01",
        **swap(I2, ns.TIME.before, T2020),
    ),
    Case(
        "assertion-after-its-document",
        "assertion-dates",
        S,
        "The assertion is dated 2025-04-11, after the document it appears in was published (2025-04-10)",
        **swap(S, MG.date, date("2025-04-11")),
    ),
    Case(
        "preferred-source-not-a-source",
        "preferred-source",
        BILL,
        f"The preferred source <{MONITOR}> (mg:preferredSource) is not one of the fact's sources (dcterms:source)",
        add=[(BILL, MG.preferredSource, MONITOR)],
    ),
    Case(
        "preferred-source-outranked",
        "preferred-source",
        BILL,
        f"The preferred source <{ARTICLE}> (mg:preferredSource) has authority rank 3, but the fact's source "
        f"<{MONITOR}> ranks better (1)",
        add=[
            (BILL, MG.preferredSource, ARTICLE),
            (BILL, ns.DCTERMS.source, MONITOR),
            (MONITOR, MG.authorityRank, Literal(1)),
        ],
    ),
    Case(
        "assertion-bound-after-its-document",
        "assertion-dates",
        MU,
        "The assertion is dated 2025-05-01, after the document it appears in was published (2025-04-10)",
        add=[(MU, MG.earliestDate, date("2025-05-01"))],
    ),
]


@pytest.fixture(scope="module")
def check_reports(run_mutation):
    """Each case's report (extra checks only, no pySHACL), computed once."""
    return {c.id: run_mutation(c.remove, c.add, files=c.files, shacl=False) for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_check_is_reported_with_its_message(case, check_reports):
    report = check_reports[case.id]
    found = [(f.source, f.focus, f.message, f.severity) for f in report.findings]
    assert (f"check {case.check}", str(case.focus), case.message, "Violation") in found, found
    assert not report.conforms


def test_every_check_of_this_foundation_has_a_breaking_case(foundation_checks):
    """owners has its own (two files); the treaty checks theirs in tests/validation/test_treaty_checks.py."""
    assert set(foundation_checks) - {"owners"} == {c.check for c in CASES}
    assert set(foundation_checks) <= set(profile())


def test_a_dangling_iri_is_reported_once_however_often_it_is_used(check_reports):
    report = check_reports["dangling-iri-used-three-times"]
    assert sum(str(NOBODY) in f.message for f in report.findings) == 1


def test_finding_names_the_file_label_and_property_of_its_subject(check_reports):
    finding = next(f for f in check_reports["earliest-after-latest"].findings if f.source == "check date-bounds")
    assert (finding.file, finding.label, finding.path) == (
        None,
        "The President proclaims the withdrawal law",
        "mg:earliestDate",
    )


@pytest.mark.parametrize(
    "external",
    [
        "http://www.wikidata.org/entity/Q211",
        "https://creativecommons.org/licenses/by/4.0/",
        "https://spdx.org/licenses/Apache-2.0",
        "http://www.w3.org/ns/oa#TextQuoteSelector",
        "https://schema.org/NewsArticle",
    ],
)
def test_allow_listed_external_iris_need_no_description(external, twins):
    from rdflib import Graph

    assert twins.references.is_known(Graph(), URIRef(external))


@pytest.mark.parametrize(
    "unknown",
    [
        "https://w3id.org/minegraph/ontology#Statment",  # mg: terms must be declared, however close to a vocabulary
        "https://w3id.org/minegraph/id/person/nobody",
        "http://www.wikidata.org/entity/P31",  # properties are not entities
        "https://example.org/page",
    ],
)
def test_other_iris_need_a_description(unknown, twins):
    from rdflib import Graph

    assert not twins.references.is_known(Graph(), URIRef(unknown))

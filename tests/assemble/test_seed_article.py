"""The seed article (Euronews, 2025-04-10) is modelled statement by statement, in graph/."""

import pytest
from rdflib import Literal, URIRef

from minegraph.core.namespaces import MG, PROV, concept, iri

ARTICLE = iri("source", "euronews-2025-04-10-anti-personnel-mines")

W5 = ("EST", "FIN", "LVA", "LTU", "POL")
W4 = ("EST", "LVA", "LTU", "POL")


def _w(states, stance) -> dict:
    return {f"{code}-withdrawal": stance for code in states}


BAN, JR = "apmbc-adoption", "EST-LVA-LTU-POL-joint-recommendation"

#: Every attributed statement of the article: id suffix → (speaker, {decision slug: stance of its assessment}).
#: A statement opposing the four withdrawals opposes the joint recommendation they carry out (JR), except the
#: EU's document of 2024, which precedes it.
STATEMENTS = {
    "01-carbonnier-civilian-victims": ("person:gilles-carbonnier", {**_w(W5, "oppose"), JR: "oppose"}),
    "02-carbonnier-weapons-of-the-past": (
        "person:gilles-carbonnier",
        {**_w(W5, "oppose"), BAN: "support", JR: "oppose"},
    ),
    "03-carbonnier-harm-own-side": ("person:gilles-carbonnier", {**_w(W5, "oppose"), JR: "oppose"}),
    "04-carbonnier-croatia-clearance": ("person:gilles-carbonnier", {**_w(W5, "oppose"), JR: "oppose"}),
    "05-strada-trail-of-wounded": ("person:cecilia-strada", {**_w(W5, "oppose"), JR: "oppose"}),
    "06-strada-first-person-injured": ("person:cecilia-strada", {**_w(W5, "oppose"), JR: "oppose"}),
    "07-strada-children-afghanistan": ("person:cecilia-strada", {**_w(W5, "oppose"), JR: "oppose"}),
    "08-strada-women-children-affected": ("person:cecilia-strada", {**_w(W5, "oppose"), JR: "oppose"}),
    "09-strada-war-economy": ("person:cecilia-strada", {**_w(W5, "oppose"), JR: "oppose"}),
    "10-strada-banning-obvious": ("person:cecilia-strada", {BAN: "support", **_w(W5, "oppose"), JR: "oppose"}),
    "11-strada-slippery-slope": ("person:cecilia-strada", {**_w(W5, "oppose"), JR: "oppose"}),
    "12-joint-statement-deteriorated-security": (
        "organisation:EST-LVA-LTU-POL-defence-ministers",
        {JR: "support", **_w(W4, "support")},
    ),
    "13-estonia-mod-no-plans": ("organisation:EST-ministry-of-defence", {"EST-withdrawal": "neutral"}),
    "14-joint-statement-every-necessary-measure": (
        "organisation:EST-LVA-LTU-POL-defence-ministers",
        {JR: "support", **_w(W4, "support")},
    ),
    "15-finland-minister-versatile-preparation": ("post:FIN-minister-of-defence", {"FIN-withdrawal": "support"}),
    "16-latvia-government-lethality": ("organisation:LVA-government", {"LVA-withdrawal": "support"}),
    "17-latvia-government-parliament-decides": ("organisation:LVA-government", {"LVA-withdrawal": "neutral"}),
    "18-latvia-government-can-be-used": ("organisation:LVA-government", {"LVA-withdrawal": "support"}),
    "19-eu-document-completely-unacceptable": ("organisation:european-union", {BAN: "support", **_w(W5, "oppose")}),
    "21-el-anouni-contributed-millions": ("person:anouar-el-anouni", _w(W5, "neutral")),
    "22-ep-amendment-strongly-condemns": (
        "organisation:ep-amendment-tablers-2025-04",
        {**_w(W5, "oppose"), JR: "oppose"},
    ),
    "23-epp-motion-justifies": ("organisation:epp", {**_w(W4, "support"), JR: "support"}),
    "24-carbonnier-no-reciprocity-justification": ("person:gilles-carbonnier", {**_w(W5, "oppose"), JR: "oppose"}),
    "25-carbonnier-ihl-no-reciprocity": (
        "person:gilles-carbonnier",
        {**_w(W5, "oppose"), BAN: "support", JR: "oppose"},
    ),
    "26-carbonnier-domino-effect": ("person:gilles-carbonnier", {**_w(W5, "oppose"), BAN: "support", JR: "oppose"}),
    "27-carbonnier-why-continue": ("person:gilles-carbonnier", {**_w(W5, "oppose"), JR: "oppose"}),
}


def ref(curie: str) -> URIRef:
    kind, _, slug = curie.partition(":")
    return iri(kind, slug)


@pytest.mark.parametrize("suffix, expected", sorted(STATEMENTS.items()))
def test_statement_has_expected_speaker_assessments_and_source(real_graph, suffix, expected):
    node = iri("statement", f"euronews-2025-04-10-{suffix}")
    speaker, stances = expected
    assert real_graph.value(node, MG.speaker) == ref(speaker)
    assessments = list(real_graph.subjects(MG.assessedStatement, node))
    found = {
        str(real_graph.value(a, MG.towards)).rsplit("/", 1)[-1]: str(real_graph.value(a, MG.stance)).rsplit("/", 1)[-1]
        for a in assessments
    }
    assert found == stances and len(assessments) == len(stances)
    assert {real_graph.value(a, MG.assessmentMethod) for a in assessments} == {concept("assessment-method", "curated")}
    assert {real_graph.value(a, PROV.wasAttributedTo) for a in assessments} == {
        iri("organisation", "minegraph-curators")
    }
    assert all(real_graph.value(a, MG.stanceNote) for a in assessments), "every assessment says why"
    assert set(real_graph.objects(node, MG.about)) == {real_graph.value(a, MG.towards) for a in assessments}
    assert real_graph.value(node, MG.stance) is None
    assert real_graph.value(node, MG.appearsIn) == ARTICLE
    assert real_graph.value(node, MG.anchor) is not None


@pytest.mark.parametrize("suffix", ["10-strada-banning-obvious", "19-eu-document-completely-unacceptable"])
def test_support_of_the_ban_is_read_as_opposition_to_the_withdrawals_and_the_note_says_so(real_graph, suffix):
    node = iri("statement", f"euronews-2025-04-10-{suffix}")
    for assessment in real_graph.subjects(MG.assessedStatement, node):
        if real_graph.value(assessment, MG.stance) == concept("stance", "oppose"):
            assert str(real_graph.value(assessment, MG.stanceNote)).startswith(
                "Supports the ban, therefore opposes the withdrawals"
            )


def test_the_reporters_characterisations_are_euronews_claims_that_mention_whom_they_describe(real_graph):
    from rdflib import RDF

    stopped_short = iri("claim", "euronews-2025-04-10-36-euronews-commission-stopped-short")
    most_mined = iri("claim", "euronews-2025-04-10-43-euronews-ukraine-most-mined")
    for node in (stopped_short, most_mined, iri("claim", "euronews-2025-04-10-35-euronews-eu-institutions-in-line")):
        assert real_graph.value(node, MG.speaker) == iri("organisation", "euronews")
        assert real_graph.value(node, MG.mode) == concept("quote-mode", "characterisation")
        assert (node, RDF.type, MG.Statement) not in real_graph
    assert iri("organisation", "european-commission") in set(real_graph.objects(stopped_short, MG.mentions))
    assert iri("state", "UKR") in set(real_graph.objects(most_mined, MG.mentions))
    assert not list(real_graph.subjects(MG.speaker, iri("organisation", "european-commission")))


def test_the_four_baltic_countries_is_a_claim_reviewed_as_incorrect(real_graph):
    claim = iri("claim", "euronews-2025-04-10-34-euronews-four-baltic")
    assert real_graph.value(claim, MG.value).toPython() == 4
    review = iri("review", "euronews-2025-04-10-34-euronews-four-baltic")
    assert real_graph.value(review, MG.reviews) == claim
    assert real_graph.value(review, MG.assessment) == concept("assessment", "incorrect")
    assert real_graph.value(review, MG.referenceValue).toPython() == 3


def test_article_has_no_statement_beyond_the_expected_list(real_graph):
    from rdflib import RDF

    found = {
        str(s).rsplit("/", 1)[-1]
        for s in real_graph.subjects(MG.appearsIn, ARTICLE)
        if (s, RDF.type, MG.Statement) in real_graph
    }
    assert found == {f"euronews-2025-04-10-{suffix}" for suffix in STATEMENTS}


def test_persons_speak_in_the_role_they_held(real_graph):
    from minegraph.core.namespaces import ORG

    capacity = real_graph.value(
        iri("statement", "euronews-2025-04-10-01-carbonnier-civilian-victims"), MG.speakerCapacity
    )
    assert real_graph.value(capacity, ORG.organization) == iri("organisation", "icrc")
    assert real_graph.value(capacity, ORG.role) == concept("role", "vice-president")
    strada_roles = {
        real_graph.value(m, ORG.organization) for m in real_graph.subjects(ORG.member, iri("person", "cecilia-strada"))
    }
    assert strada_roles == {iri("organisation", "european-parliament"), iri("organisation", "emergency")}


def test_landmine_monitor_findings_are_claims_of_icbl_cmc_reported_by_the_article(real_graph):
    rows = real_graph.query(
        """SELECT ?place ?certainty WHERE {
             ?c a mg:MineUseFinding ; mg:appearsIn ?article ; mg:speaker organisation:icbl-cmc ;
                prov:wasDerivedFrom source:landmine-monitor-2024 ; mg:userKind user-kind:non-state-armed-groups ;
                mg:place ?place ; mg:certainty ?certainty . }""",
        initBindings={"article": ARTICLE},
    )
    by_certainty: dict[str, set[str]] = {}
    for place, certainty in rows:
        by_certainty.setdefault(str(certainty).rsplit("/", 1)[-1], set()).add(str(place).rsplit("/", 1)[-1])
    assert by_certainty == {
        "reported": {"COL", "gaza", "IND", "MMR", "PAK"},
        "probable": {"BEN", "BFA", "CMR", "COD", "MLI", "NER", "NGA"},
    }
    forces = {str(s).rsplit("/", 1)[-1] for s in real_graph.objects(None, MG.usedBy)}
    assert forces == {"MMR", "RUS"}


@pytest.mark.parametrize(
    "suffix, measure, value",
    [
        ("57-lm2024-833-casualties", "antipersonnel-mine-casualties", 833),
        ("58-lm2024-civilian-share", "civilian-share-of-casualties", 84),
        ("56-lm2024-58-contaminated", "contaminated-countries", 58),
        ("31-euronews-164-signed", "signatories", 164),
        ("32-euronews-33-not-signed", "non-parties", 33),
    ],
)
def test_figures_of_the_article_are_quantitative_claims(real_graph, suffix, measure, value):
    node = iri("claim", f"euronews-2025-04-10-{suffix}")
    assert real_graph.value(node, MG.measure) == concept("measure", measure)
    assert real_graph.value(node, MG.value).toPython() == value


def test_parliament_votes_are_events_with_outcomes(real_graph):
    amendment = iri("event", "european-parliament-2025-04-amendment-condemning-withdrawals")
    motion = iri("event", "european-parliament-2025-04-epp-motion")
    assert real_graph.value(amendment, MG.outcome) == concept("vote-outcome", "rejected")
    assert real_graph.value(amendment, MG.votingMethod) == concept("voting-method", "show-of-hands")
    assert real_graph.value(motion, MG.outcome) == concept("vote-outcome", "adopted")
    assert real_graph.value(motion, MG.votesFor).toPython() == 431


def test_archived_article_is_byte_identical_to_the_seed(project):
    import hashlib

    archived = project.graph_dir / "sources" / "euronews-2025-04-10-anti-personnel-mines.txt"
    assert (
        hashlib.sha256(archived.read_bytes()).hexdigest()
        == "0105f53f769c1b4f4e6cc021b2ec9d032f249e5d2db45d986f009e5ec3172c3c"
    )


def test_archive_record_holds_the_sha256_of_the_archived_file(real_graph):
    archive = iri("archive", "euronews-2025-04-10-anti-personnel-mines.txt")
    assert real_graph.value(archive, MG.sha256) == Literal(
        "0105f53f769c1b4f4e6cc021b2ec9d032f249e5d2db45d986f009e5ec3172c3c"
    )


def test_every_statement_opposing_the_four_withdrawals_has_a_stance_toward_their_joint_recommendation(real_graph):
    recommendation = iri("decision", JR)
    four = {iri("decision", f"{code}-withdrawal") for code in W4}
    missing = []
    for assessment in set(real_graph.subjects(MG.stance, concept("stance", "oppose"))):
        statement = real_graph.value(assessment, MG.assessedStatement)
        opposed = {
            real_graph.value(a, MG.towards)
            for a in real_graph.subjects(MG.assessedStatement, statement)
            if real_graph.value(a, MG.stance) == concept("stance", "oppose")
        }
        said = real_graph.value(statement, MG.date) or real_graph.value(statement, MG.latestDate)
        if four <= opposed and recommendation not in opposed and not (said and str(said) < "2025-03-18"):
            missing.append(statement)
    assert not missing, sorted(set(missing))

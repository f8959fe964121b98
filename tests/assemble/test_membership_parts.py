"""The membership parts build deterministically, cite a source for every fact, and hold the
identities, IRIs and disputed values the rest of the project relies on."""

from __future__ import annotations

from rdflib import OWL, RDF, BNode, Literal, Namespace
from rdflib.namespace import DCTERMS

from minegraph.core.namespaces import MG, ORG, WD, iri
from minegraph.core.rdf_io import serialize_turtle
from tests.support.membership import PARTS, build_parts

# Open namespaces: rdflib's closed ones warn when pytest inspects module attributes.
TIME = Namespace("http://www.w3.org/2006/time#")
SCHEMA = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


def test_building_twice_gives_byte_identical_turtle(project, built):
    again = build_parts(project)
    for name in (*PARTS, "sources.ttl"):
        assert serialize_turtle(again[name]) == serialize_turtle(built[name]), name


def test_the_committed_graph_files_are_the_fresh_build(project, built):
    for name in PARTS:
        assert (project.graph_dir / name).read_bytes() == serialize_turtle(built[name]), f"graph/{name} is stale"


def test_no_blank_nodes(built):
    for name, graph in built.items():
        assert not any(isinstance(term, BNode) for triple in graph for term in triple), name


def test_every_typed_node_but_time_has_a_source(built):
    for name in PARTS:
        graph = built[name]
        for node in set(graph.subjects(RDF.type, None)):
            if {TIME.Interval, TIME.Instant} & set(graph.objects(node, RDF.type)):
                continue
            assert graph.value(node, DCTERMS.source) is not None, f"{name}: {node} has no dcterms:source"


def test_every_cited_document_has_a_url_or_is_attested_by_documents_that_have_one(built, real_graph):
    for name in PARTS:
        for document in set(built[name].objects(None, DCTERMS.source)):
            urls = list(real_graph.objects(document, SCHEMA.url))
            attested = [d for d in real_graph.objects(document, DCTERMS.source) if real_graph.value(d, SCHEMA.url)]
            assert urls or attested or real_graph.value(document, MG.archivedText), f"{name}: {document}"


def test_the_iris_other_parts_point_at_exist_with_their_types(real_graph):
    expected = {
        ("organisation", "EST-LVA-LTU-POL-defence-ministers"): MG.Coalition,
        ("organisation", "EST-ministry-of-defence"): MG.GovernmentBody,
        ("organisation", "LVA-government"): MG.GovernmentBody,
        ("organisation", "FIN-government"): MG.GovernmentBody,
        ("organisation", "LVA-saeima"): MG.Parliament,
        ("post", "FIN-minister-of-defence"): MG.Post,
        ("treaty", "apmbc"): MG.Treaty,
        ("rule", "apmbc-article-17"): MG.TimingRule,
        ("rule", "apmbc-article-20"): MG.TimingRule,
        ("decision", "apmbc-adoption"): MG.TreatyAdoption,
        ("decision", "UKR-suspension"): MG.Decision,
        ("decision", "EST-LVA-LTU-POL-joint-recommendation"): MG.Decision,
        ("person", "andris-spruds"): MG.Person,
    }
    for code in ("EST", "LVA", "LTU", "POL", "FIN"):
        expected[("decision", f"{code}-withdrawal")] = MG.Decision
        expected[("post", f"{code}-minister-of-defence")] = MG.Post
    for (kind, slug), cls in expected.items():
        assert (iri(kind, slug), RDF.type, cls) in real_graph, f"{kind}:{slug}"
    assert (iri("decision", "apmbc-adoption"), RDF.type, MG.Decision) in real_graph
    coalition = iri("organisation", "EST-LVA-LTU-POL-defence-ministers")
    assert set(real_graph.objects(coalition, ORG.hasMember)) == {
        iri("post", f"{c}-minister-of-defence") for c in ("EST", "LVA", "LTU", "POL")
    }
    recommendation = iri("decision", "EST-LVA-LTU-POL-joint-recommendation")
    assert set(real_graph.objects(recommendation, MG.partOf)) == {
        iri("decision", f"{c}-withdrawal") for c in ("EST", "LVA", "LTU", "POL")
    }
    assert real_graph.value(recommendation, MG.decidedBy) == coalition
    assert real_graph.value(iri("post", "FIN-minister-of-defence"), MG.unnamedInSource) is None
    assert not list(real_graph.subjects(MG.post, iri("post", "FIN-minister-of-defence")))  # no holder is named


def test_the_ministers_hold_their_posts_on_18_march_2025(real_graph):
    for person, code in (
        ("hanno-pevkur", "EST"),
        ("andris-spruds", "LVA"),
        ("dovile-sakaliene", "LTU"),
        ("wladyslaw-kosiniak-kamysz", "POL"),
    ):
        [membership] = list(real_graph.subjects(ORG.member, iri("person", person)))
        assert real_graph.value(membership, MG.post) == iri("post", f"{code}-minister-of-defence")
        period = real_graph.value(membership, ORG.memberDuring)
        assert real_graph.value(period, TIME.inside) == iri("instant", "2025-03-18")


def test_the_joint_statement_is_a_dated_official_statement_attested_by_its_reports(real_graph):
    statement = iri("source", "joint-statement-2025-03-18-defence-ministers")
    assert (statement, RDF.type, MG.OfficialStatement) in real_graph
    assert real_graph.value(statement, SCHEMA.datePublished) == Literal("2025-03-18", datatype=XSD.date)
    reports = {str(real_graph.value(d, SCHEMA.url)) for d in real_graph.objects(statement, DCTERMS.source)}
    assert (
        "https://www.delfi.lt/en/politics/baltics-poland-announce-plans-to-leave-mine-ban-treaty-120094655" in reports
    )


def test_the_holy_see_is_not_the_same_as_vatican_city(real_graph):
    holy_see = iri("state", "VAT")
    assert real_graph.value(holy_see, OWL.sameAs) is None
    assert real_graph.value(holy_see, MG.unverifiedSameAs) == WD.Q159583
    assert not list(real_graph.subjects(None, WD.Q237))


def test_taiwan_and_kosovo_are_not_states_of_the_universe(real_graph):
    assert (iri("state", "TWN"), RDF.type, MG.State) not in real_graph
    assert (iri("state", "XKX"), RDF.type, MG.State) not in real_graph


def test_every_state_has_both_iso_codes_and_a_wikidata_identity(real_graph):
    states = set(real_graph.subjects(RDF.type, MG.State))
    assert len(states) == 197
    for state in states:
        code = str(real_graph.value(state, MG.iso3166Alpha3))
        assert str(state).endswith(f"/state/{code}")
        assert len(str(real_graph.value(state, MG.iso3166Alpha2))) == 2
        assert real_graph.value(state, OWL.sameAs) or real_graph.value(state, MG.unverifiedSameAs)
    assert str(real_graph.value(iri("state", "PSE"), MG.iso3166Alpha2)) == "PS"
    assert real_graph.value(iri("state", "LVA"), OWL.sameAs) == WD.Q211


def test_values_that_sources_report_differently_are_kept_with_their_sources(real_graph):
    expected = {
        ("LVA-saeima-vote-2025-04-16", MG.votesFor): ("66", "68"),
        ("POL-sejm-vote-2025-06-25", MG.date): ("2025-06-25", "2025-06-26"),
        ("EST-riigikogu-vote-2025-06-04", MG.date): ("2025-06-04", "2025-06-06"),
        ("TON-accession", MG.date): ("2025-06-25", "2025-06-26"),
    }
    for (slug, prop), (curated, other) in expected.items():
        node = iri("event", slug)
        assert str(real_graph.value(node, prop)) == curated
        # one report per disputed property (Estonia's vote also has Tali's 89 for its votesFor)
        [report] = [
            r for r in real_graph.objects(node, MG.alternativeReport) if real_graph.value(r, MG.ofProperty) == prop
        ]
        assert str(real_graph.value(report, RDF.value)) == other
        assert real_graph.value(report, DCTERMS.source) is not None


def test_ukraine_suspension_is_contested_and_has_no_date_of_effect(real_graph):
    decision = iri("decision", "UKR-suspension")
    assert real_graph.value(decision, MG.contested) == Literal(True)
    assert set(real_graph.objects(decision, MG.contestedBy)) == {
        iri("organisation", "human-rights-watch"),
        iri("organisation", "icbl-cmc"),
    }
    assert "remains listed as a State Party" in str(real_graph.value(decision, MG.legalEffect))
    steps = set(real_graph.subjects(MG.carriesOut, decision))
    assert (iri("event", "UKR-suspension-notification"), RDF.type, MG.SuspensionNotification) in real_graph
    assert iri("event", "UKR-suspension-notification") in steps
    consequences = {e for step in steps for e in real_graph.subjects(MG.consequenceOf, step)}
    assert not any((e, RDF.type, MG.WithdrawalTakingEffect) in real_graph for e in consequences | steps)

"""Each fact cites only the pages that support it (curation/reference/field_sources.csv), names its
best-ranked one mg:preferredSource, and keeps a contradicting page as an alternative report."""

from __future__ import annotations

import tomllib

from rdflib import RDF, RDFS, Literal

from minegraph.assemble.reference.fact_sources import FieldSources
from minegraph.core.namespaces import DCTERMS, MG, SCHEMA, iri

POLITICO_18_MARCH = (
    "https://www.politico.eu/article/poland-baltic-states-inch-closer-to-leaving-antipersonnel-mine-treaty/"
)
MAG = "https://www.maginternational.org/whats-happening/mag-statement-official-withdrawal-ottawa-treaty"


def urls(graph, node, prop=DCTERMS.source) -> set[str]:
    return {str(graph.value(doc, SCHEMA.url)) for doc in graph.objects(node, prop)}


def rank(graph, doc) -> int:
    return int(graph.value(doc, MG.authorityRank))


def test_the_vendored_field_table_is_the_reference_byte_for_byte(project, reference_dir):
    vendored = project.reference_dir / "field_sources.csv"
    assert vendored.read_bytes() == (reference_dir / "field_sources.csv").read_bytes()


def test_estonias_withdrawal_taking_effect_cites_no_page_published_before_it(real_graph):
    effect = iri("event", "EST-withdrawal-effective")
    cited = urls(real_graph, effect)
    assert POLITICO_18_MARCH not in cited and not any("pap.pl" in url for url in cited)
    assert any(url.startswith(MAG) for url in cited)
    assert str(real_graph.value(real_graph.value(effect, MG.preferredSource), SCHEMA.url)).startswith(MAG)


def test_every_withdrawal_act_cites_only_pages_that_support_its_fields(project, real_graph, reference_dir):
    fields = FieldSources(reference_dir)
    document = tomllib.loads((project.curation_dir / "membership.toml").read_text(encoding="utf-8"))
    # An [[addition]] puts a lead page's tally (a value the reference has no field for) on an event, citing that
    # page; field_sources.csv does not rate it, but it must not be a page rated against the event's own fields.
    added = {}
    for record in document.get("addition", []):
        added.setdefault(record["of"].split(":", 1)[1], set()).update(record["sources"])
    checked = 0
    for record in document["event"]:
        if "facts" not in record:
            continue
        node = iri("event", record["id"])
        verdicts = fields.verdicts("ottawa_withdrawals.csv", record["state"], record["facts"])
        allowed = {v.url for v in verdicts if v.verdict == "supports"}
        if real_graph.value(node, MG.sourcesUnverified) == Literal(True):
            assert not allowed, record["id"]
            allowed = {v.url for v in verdicts if v.verdict == "unverified"}
        cited = urls(real_graph, node) - {"None"}  # the joint statement itself has no URL
        assert cited, record["id"]
        tallies = added.get(record["id"], set())
        assert not tallies & {v.url for v in verdicts if v.verdict != "supports"}, record["id"]
        assert cited <= allowed | tallies, (record["id"], cited - allowed - tallies)
        checked += 1
    assert checked >= 24


def test_a_preferred_source_is_the_best_ranked_cited_document(real_graph):
    facts = set(real_graph.subjects(MG.preferredSource, None))
    assert len(facts) > 500
    for fact in facts:
        preferred = real_graph.value(fact, MG.preferredSource)
        cited = [
            doc
            for doc in real_graph.objects(fact, DCTERMS.source)
            if real_graph.value(doc, MG.authorityRank) is not None
        ]
        assert preferred in set(real_graph.objects(fact, DCTERMS.source)), fact
        assert rank(real_graph, preferred) == min(rank(real_graph, doc) for doc in cited), fact


def test_no_withdrawal_act_cites_a_forum_page(real_graph):
    decisions = {iri("decision", f"{code}-withdrawal") for code in ("EST", "LVA", "LTU", "POL", "FIN")} | {
        iri("decision", "UKR-suspension")
    }
    acts = {act for decision in decisions for act in real_graph.subjects(MG.carriesOut, decision)}
    acts |= {effect for act in acts for effect in real_graph.subjects(MG.consequenceOf, act)}
    assert len(acts) > 30
    forum = [
        (act, doc)
        for act in acts
        for doc in real_graph.objects(act, DCTERMS.source)
        if real_graph.value(doc, MG.authorityRank) == Literal(5)
    ]
    assert not forum


def test_a_contradicting_page_is_an_alternative_report_not_a_citation(real_graph):
    civilians = iri("claim", "landmine-monitor-2024-civilian-share-of-casualties")
    wom = "https://www.wom.ch/en/news/current/landmine-monitor-2024"
    assert wom not in urls(real_graph, civilians)
    [alternative] = list(real_graph.objects(civilians, MG.alternativeReport))
    assert str(real_graph.value(alternative, RDF.value)) == "three quarters" and urls(real_graph, alternative) == {wom}
    tonga = iri("event", "TON-accession")  # Matangi Tonga says 26 June: the alternative's source, not the deposit's
    assert not any("matangitonga" in url for url in urls(real_graph, tonga))
    notification = iri("event", "UKR-suspension-notification")
    [late] = list(real_graph.objects(notification, MG.alternativeReport))
    assert str(real_graph.value(late, RDF.value)) == "2025-07-21"


def test_the_child_share_cites_only_the_page_that_gives_46_percent(real_graph):
    claim = iri("claim", "landmine-monitor-2025-children-share-of-civilian-casualties-where-age-was-known")
    assert urls(real_graph, claim) == {
        "https://www.world-today-news.com/global-landmine-ban-faces-threats-human-rights-watch-report-finds"
    }


def test_facts_nothing_supports_are_marked_unverified(real_graph):
    for slug in ("FIN-withdrawal-announcement-2025-04-01", "FIN-government-proposal-2025-05-28"):
        assert real_graph.value(iri("event", slug), MG.sourcesUnverified) == Literal(True)
    killed = iri("claim", "landmine-monitor-2025-people-killed")
    assert real_graph.value(killed, MG.sourcesUnverified) == Literal(True)
    assert real_graph.value(iri("event", "EST-withdrawal-effective"), MG.sourcesUnverified) is None


def test_the_joint_recommendation_has_a_preferred_source_with_a_url(real_graph):
    for node in (
        iri("decision", "EST-LVA-LTU-POL-joint-recommendation"),
        iri("organisation", "EST-LVA-LTU-POL-defence-ministers"),
    ):
        preferred = real_graph.value(node, MG.preferredSource)
        assert real_graph.value(preferred, SCHEMA.url) is not None, node
        assert iri("source", "joint-statement-2025-03-18-defence-ministers") in set(
            real_graph.objects(node, DCTERMS.source)
        )


def test_every_treaty_act_and_withdrawal_act_has_one_preferred_source(real_graph):
    acts = {
        a
        for cls in real_graph.transitive_subjects(RDFS.subClassOf, MG.TreatyAct)
        for a in real_graph.subjects(RDF.type, cls)
    }
    acts |= set(real_graph.subjects(MG.carriesOut, None)) | set(real_graph.subjects(MG.datedBy, None))
    assert len(acts) > 480
    unranked = 0
    for act in acts:
        ranked = [
            doc
            for doc in real_graph.objects(act, DCTERMS.source)
            if real_graph.value(doc, MG.authorityRank) is not None and real_graph.value(doc, SCHEMA.url) is not None
        ]
        # an act a lead page adds (not_in_reference) may cite only pages the source-quality table does not rank:
        # then no rank says which is best, and none is named
        assert len(set(real_graph.objects(act, MG.preferredSource))) == (1 if ranked else 0), act
        unranked += not ranked
    assert unranked < 20


def test_every_preferred_source_is_rated_supports_for_its_field(project, real_graph, reference_dir):
    """A fact's preferred source, and each field citation's, must be rated supports (or, for a fact marked
    mg:sourcesUnverified, unverified) for every field it stands for in field_sources.csv."""
    fields = FieldSources(reference_dir)
    document = tomllib.loads((project.curation_dir / "membership.toml").read_text(encoding="utf-8"))
    checked = 0
    for table in ("event", "decision"):
        for record in document.get(table, []):
            if "facts" not in record:
                continue
            node = iri(table, record["id"])
            citations = {str(real_graph.value(c, MG.citesField)): c for c in real_graph.objects(node, MG.fieldCitation)}
            for field in record["facts"]:
                verdicts = {
                    v.url: v.verdict for v in fields.verdicts("ottawa_withdrawals.csv", record["state"], [field])
                }
                # the node's own preferred source stands for its first field (its date), a field citation's for its field
                holders = ([node] if field == record["facts"][0] else []) + (
                    [citations[field]] if field in citations else []
                )
                assert holders, (record["id"], field, "has no citation of its own")
                for holder in holders:
                    preferred = str(real_graph.value(real_graph.value(holder, MG.preferredSource), SCHEMA.url))
                    wanted = (
                        {"unverified", "supports"}
                        if real_graph.value(holder, MG.sourcesUnverified) == Literal(True)
                        else {"supports"}
                    )
                    assert verdicts.get(preferred) in wanted, (record["id"], field, preferred, verdicts.get(preferred))
                    checked += 1
    assert checked > 30


def test_the_latvian_final_vote_prefers_a_page_giving_66_and_the_sejm_vote_one_giving_its_tally(real_graph):
    latvia = iri("event", "LVA-saeima-vote-2025-04-16")
    preferred = str(real_graph.value(real_graph.value(latvia, MG.preferredSource), SCHEMA.url))
    assert "tass.com" not in preferred and "censor.net" not in preferred
    assert "latvian-parliament-approves-withdrawal-from-landmine" not in preferred  # news.by's item giving 68
    tally = iri("citation", "event-POL-sejm-vote-2025-06-25-tally")  # no page gives both the Sejm's date and its tally
    assert tally in set(real_graph.objects(iri("event", "POL-sejm-vote-2025-06-25"), MG.fieldCitation))
    assert (
        str(real_graph.value(real_graph.value(tally, MG.preferredSource), SCHEMA.url))
        == "https://tass.com/world/1981227"
    )


def test_a_landmine_monitor_report_cites_only_pages_supporting_its_release_date(real_graph, reference_dir):
    fields = FieldSources(reference_dir)
    for report, slug in (
        ("Landmine Monitor 2024", "landmine-monitor-2024"),
        ("Landmine Monitor 2025", "landmine-monitor-2025"),
    ):
        node = iri("source", slug)
        supports = {
            v.url
            for v in fields.verdicts("landmine_monitor_facts.csv", f"{report}|release date", ["value"])
            if v.verdict == "supports"
        }
        assert urls(real_graph, node) == supports and supports
        assert str(real_graph.value(real_graph.value(node, MG.preferredSource), SCHEMA.url)) in supports


EXPORT_2016 = "https://github.com/tkah/CountriesAndIntlAffairs/blob/03186f27300024dea5cb48fb12f7e190b71aa4f1/db_resources/35597.csv"


def test_no_act_after_march_2016_cites_the_export_taken_then(real_graph):
    export = next(doc for doc, url in real_graph.subject_objects(SCHEMA.url) if str(url) == EXPORT_2016)
    until = str(real_graph.value(export, MG.contentAsOf))
    assert until == "2016-03-31"
    citing = [act for act in real_graph.subjects(DCTERMS.source, export) if real_graph.value(act, MG.date) is not None]
    assert len(citing) > 300
    late = [act for act in citing if str(real_graph.value(act, MG.date)) > until]
    assert not late, late
    assert urls(real_graph, iri("event", "MHL-ratification")) == {
        "https://www.icblcmc.org/our-impact/marshall-islands-becomes-the-165th-state-party-to-the-mine-ban-treaty"
    }
    assert EXPORT_2016 in urls(real_graph, iri("event", "MHL-signature"))


def test_belarus_entry_into_force_keeps_the_exports_other_date_as_an_alternative(real_graph):
    effect = iri("event", "BLR-entry-into-force")
    assert str(real_graph.value(effect, MG.date)) == "2004-03-01" and EXPORT_2016 not in urls(real_graph, effect)
    [alternative] = list(real_graph.objects(effect, MG.alternativeReport))
    assert str(real_graph.value(alternative, RDF.value)) == "2004-02-01" and urls(real_graph, alternative) == {
        EXPORT_2016
    }


def test_lebanons_deposit_is_not_dated_before_the_decree_it_follows(real_graph):
    deposit = iri("event", "LBN-accession")
    decree = iri("event", "LBN-accession-decree-2026-01-12")
    assert str(real_graph.value(deposit, MG.earliestDate)) >= str(real_graph.value(decree, MG.date)) == "2026-01-12"


def _preferred_verdict(graph, node, verdicts) -> tuple[str | None, set[str]]:
    preferred = str(graph.value(graph.value(node, MG.preferredSource), SCHEMA.url))
    wanted = {"unverified", "supports"} if graph.value(node, MG.sourcesUnverified) == Literal(True) else {"supports"}
    return verdicts.get(preferred), wanted


def test_deposits_effects_and_figures_prefer_a_page_rated_supports_for_their_field(real_graph, reference_dir):
    """The acts built from the withdrawal columns and every Landmine Monitor figure: same rule as above."""
    fields = FieldSources(reference_dir)
    checked = 0
    acts = [
        (iso3, suffix, field)
        for iso3 in ("EST", "FIN", "LVA", "LTU", "POL")
        for suffix, field in (("withdrawal-deposit", "notification_deposited"), ("withdrawal-effective", "effective"))
    ]
    for iso3, suffix, field in acts + [("UKR", "suspension-notification", "notification")]:
        verdicts = {v.url: v.verdict for v in fields.verdicts("ottawa_withdrawals.csv", iso3, [field])}
        verdict, wanted = _preferred_verdict(real_graph, iri("event", f"{iso3}-{suffix}"), verdicts)
        assert verdict in wanted, (iso3, suffix, verdict)
        checked += 1
    for (file, row_key, _), rows in fields.table.items():
        if file != "landmine_monitor_facts.csv" or row_key.endswith("|release date"):
            continue
        claims = [
            c
            for c in real_graph.subjects(RDFS.label, None)
            if str(c).startswith(str(iri("claim", "landmine-monitor-")))
            and str(real_graph.value(c, RDFS.label)).split(":", 1)[0] == row_key.split("|")[0]
            and str(real_graph.value(c, RDFS.label)).split(": ", 1)[1].rsplit(" = ", 1)[0] == row_key.split("|")[1]
        ]
        for claim in claims:
            verdict, wanted = _preferred_verdict(real_graph, claim, {r.url: r.verdict for r in rows})
            assert verdict in wanted, (claim, verdict)
            checked += 1
    assert checked > 40

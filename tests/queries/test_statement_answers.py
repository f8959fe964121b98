"""Expected answers of the statement and claim queries on the real graph. The figures can be
checked by hand in curation/sources/euronews-2025-04-10-anti-personnel-mines.toml: 26 statements with
117 stance assessments (one per statement and decision), 28 claims."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph

from minegraph.queries.run import run_query

ID = "https://w3id.org/minegraph/id/"
ARTICLE = ID + "source/euronews-2025-04-10-anti-personnel-mines"
WITHDRAWALS = ("Estonia", "Finland", "Latvia", "Lithuania", "Poland")


@pytest.fixture(scope="module")
def query(real_project, real_stores):
    def run(name, **params):
        return run_query(name, params, store=real_stores["oxigraph"], project=real_project).rows

    return run


def test_who_said_what_gives_the_26_statements_of_the_seed_article_one_row_per_stance(query):
    rows = query("who-said-what")
    # 26 statements; 5 of them support the ban and oppose the withdrawals: a row for each stance
    assert len(rows) == 31 and len({r["statement"] for r in rows}) == 26
    assert Counter(r["stance"] for r in rows) == {"oppose": 17, "support": 11, "neutral": 3}
    assert {r["method"] for r in rows} == {"curated"}
    assert Counter(r["speakerLabel"] for r in rows)["Gilles Carbonnier"] == 11
    strada = [(r["stance"], r["decisions"]) for r in rows if r["statement"].endswith("10-strada-banning-obvious")]
    assert strada == [
        ("support", "Adoption of the Convention at Oslo"),
        (
            "oppose",
            "EST withdrawal, FIN withdrawal, Joint recommendation of the defence ministers of Estonia, "
            "Latvia, Lithuania and Poland to withdraw from the Convention, LTU withdrawal, LVA withdrawal, POL withdrawal",
        ),
    ]
    first = rows[0]
    assert first["speakerLabel"] == "Gilles Carbonnier"
    assert first["role"] == "vice-president, International Committee of the Red Cross"
    assert first["decisions"] == (
        "EST withdrawal, FIN withdrawal, Joint recommendation of the defence ministers of Estonia, "
        "Latvia, Lithuania and Poland to withdraw from the Convention, LTU withdrawal, LVA withdrawal, POL withdrawal"
    )
    assert first["statementLabel"].startswith("“We know that over 80% of the victims")
    assert str(first["published"]) == "2025-04-10"


def test_statements_about_latvias_withdrawal_include_the_joint_recommendation_it_is_part_of(query, real_graph):
    every = query("statements-by-decision", decision="decision:LVA-withdrawal")
    rows = [r for r in every if r["evidence"] == "anchored quote"]
    # The seed's anchored quotes: 24 statements: 3 about Latvia alone, 18 about all five, the EPP motion and the
    # 2 joint-statement quotes; 43 assessments, 19 of them toward the joint recommendation (part of Latvia's
    # withdrawal): every statement opposing the four withdrawals but the EU's document of 2024, which precedes it
    assert len(rows) == 43 and len({r["statement"] for r in rows}) == 24
    assert Counter(r["stance"] for r in rows) == {"oppose": 33, "support": 8, "neutral": 2}
    via_recommendation = Counter(r["stance"] for r in rows if r["aboutLabel"].startswith("Joint recommendation"))
    assert via_recommendation == {"support": 3, "oppose": 16}
    # and the debate's reported positions (no quote, the curators' summary), counted by rdflib: every assessment
    # of a statement without a quote toward Latvia's withdrawal or a step of it (mg:partOf+)
    reported = [r for r in every if r["evidence"] == "reported position"]
    expected = {
        (str(a), str(st))
        for a, st in real_graph.query(
            f"PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT ?a ?s WHERE {{ ?a mg:assessedStatement ?s ; "
            f"mg:towards/mg:partOf* <{ID}decision/LVA-withdrawal> . ?s a mg:Statement FILTER NOT EXISTS {{ ?s mg:quote ?q }} }}"
        )
    }
    assert len(reported) == len(expected) and {r["statement"] for r in reported} == {st for _, st in expected}
    assert all(r["quote"] is None and r["summary"] for r in reported)
    assert all(r["method"] == "curated" and r["assessorLabel"] == "minegraph curators" and r["note"] for r in every)


def test_statements_of_carbonnier_oppose_the_five_withdrawals_and_three_support_the_ban(query):
    rows = query("statements-by-speaker", speaker="person:gilles-carbonnier")
    assert len(rows) == 51
    assert Counter(r["stance"] for r in rows) == {"oppose": 48, "support": 3}
    by_decision = Counter(r["decisionLabel"].split("'")[0] for r in rows)
    assert by_decision == {
        **{state: 8 for state in WITHDRAWALS},
        "Adoption of the Convention at Oslo": 3,
        "Joint recommendation of the defence ministers of Estonia, Latvia, Lithuania and Poland to withdraw from the Convention": 8,
    }


def test_statements_made_for_the_eu_come_from_its_document_the_commission_spokesperson_and_an_mep(query):
    rows = query("statements-by-organisation", organisation="organisation:european-union")
    speakers = Counter(r["speakerLabel"] for r in rows)
    # Strada: 7 statements x (5 withdrawals + the joint recommendation) + 1 about the ban; El Anouni: 1 x 5;
    # EU: the ban + 5 withdrawals.
    # The Commission has no statement of its own: "stopped short of condemning" is Euronews's characterisation.
    # MEPs' votes on the CSDP resolution (reported positions): Strada's, Tarquinio's, Marino's and Orlando's.
    assert speakers == {
        "Cecilia Strada": 44,
        "Anouar El Anouni": 5,
        "European Union": 6,
        "Marco Tarquinio": 1,
        "Ignazio Marino": 1,
        "Leoluca Orlando": 1,
    }


def test_statements_by_ministers_of_defence_are_the_joint_statement_and_finlands_minister(query):
    rows = query("statements-by-role", role="role:minister-of-defence")
    # 2 joint-statement quotes x (joint recommendation + 4 withdrawals) x 4 ministers' posts + 1 of Finland's minister,
    # Poland's minister's reported positions (7 assessments) and Lithuania's minister's (1)
    assert Counter(r["speakerLabel"] for r in rows) == {
        "Defence ministers of Estonia, Latvia, Lithuania and Poland": 40,
        "Władysław Kosiniak-Kamysz": 7,
        "Minister of Defence of Finland": 1,
        "Dovilė Šakalienė": 1,
    }
    assert Counter(r["stance"] for r in rows) == {"support": 49}


def test_speakers_on_both_sides_support_the_ban_and_oppose_the_withdrawals(query, real_graph):
    rows = {r["speaker"]: r for r in query("speakers-on-both-sides")}
    # every speaker with a supporting and an opposing statement, their statements counted by rdflib
    sides: dict[str, dict[str, set]] = {}
    for statement, speaker, stance in real_graph.query(
        "PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT DISTINCT ?s ?sp ?stance WHERE { "
        "?s a mg:Statement ; mg:speaker ?sp . ?a mg:assessedStatement ?s ; mg:stance ?stance }"
    ):
        sides.setdefault(str(speaker), {}).setdefault(str(stance).rsplit("/", 1)[-1], set()).add(str(statement))
    expected = {
        sp: (len(by["support"]), len(by["oppose"])) for sp, by in sides.items() if "support" in by and "oppose" in by
    }
    assert {sp: (r["supports"], r["opposes"]) for sp, r in rows.items()} == expected
    # the seed's three, Strada with her vote against the CSDP resolution, and the speakers of reported positions:
    # every one of them supports the ban itself and opposes withdrawals
    assert {r["speakerLabel"] for r in rows.values()} >= {"Cecilia Strada", "European Union", "Gilles Carbonnier"}
    assert {r["supportedDecisions"] for r in rows.values()} == {"Adoption of the Convention at Oslo"}


def _sides(graph) -> dict[str, dict[str, tuple[set, set]]]:
    """decision -> stance -> (statements, speakers), a step's (mg:partOf) assessments counting for every
    decision above it; aggregated in Python over rdflib, not by the query library."""
    parents: dict[str, set[str]] = {}
    for part, whole in graph.query(
        "PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT ?p ?w WHERE { ?p mg:partOf ?w }"
    ):
        parents.setdefault(str(part), set()).add(str(whole))

    def above(node, seen=()):
        return {node}.union(*(above(w, (*seen, node)) for w in parents.get(node, ()) if w not in seen))

    sides: dict[str, dict[str, tuple[set, set]]] = {}
    for statement, speaker, stance, about in graph.query(
        "PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT ?s ?sp ?stance ?about WHERE { "
        "?s a mg:Statement ; mg:speaker ?sp . ?a mg:assessedStatement ?s ; mg:stance ?stance ; mg:towards ?about }"
    ):
        for decision in above(str(about)):
            statements, speakers = sides.setdefault(decision, {}).setdefault(
                str(stance).rsplit("/", 1)[-1], (set(), set())
            )
            statements.add(str(statement))
            speakers.add(str(speaker))
    return sides


def test_the_contested_decisions_are_those_with_statements_on_both_sides(query, real_graph):
    rows = {r["decision"]: r for r in query("contested-decisions")}
    expected = {
        decision: (len(by["support"][0]), len(by["support"][1]), len(by["oppose"][0]), len(by["oppose"][1]))
        for decision, by in _sides(real_graph).items()
        if "support" in by and "oppose" in by
    }
    assert {
        d: (r["supportStatements"], r["supportSpeakers"], r["opposeStatements"], r["opposeSpeakers"])
        for d, r in rows.items()
    } == expected
    # the five withdrawals, the joint recommendation, Ukraine's suspension and the EP's CSDP resolution among them
    assert {ID + f"decision/{code}-withdrawal" for code in ("EST", "FIN", "LTU", "LVA", "POL")} | {
        ID + "decision/EST-LVA-LTU-POL-joint-recommendation",
        ID + "decision/UKR-suspension",
        ID + "decision/european-parliament-csdp-resolution-2025",
    } <= set(rows)


def test_provenance_of_a_joint_statement_quote_runs_from_the_article_to_the_statement_itself(query, real_project):
    rows = query(
        "statement-provenance", statement="statement:euronews-2025-04-10-12-joint-statement-deteriorated-security"
    )
    links = {r["link"]: r for r in rows}
    assert set(links) == {"1 appears in", "2 quoted or derived from"}
    article = links["1 appears in"]
    assert article["document"] == ARTICLE and article["publisherLabel"] == "Euronews"
    assert (
        article["url"]
        == "https://www.euronews.com/2025/04/10/eu-countries-withdrawal-from-anti-landmine-convention-sparks-controversy"
    )
    text = (real_project.graph_dir / article["path"]).read_text(encoding="utf-8")
    start = text.index("Defence ministers of Estonia, Latvia, Lithuania, and Poland issued a joint statement")
    assert (article["start"], article["end"]) == (
        start,
        text.index("in the Baltic region.") + len("in the Baltic region."),
    )
    assert article["sha256"] == "0105f53f769c1b4f4e6cc021b2ec9d032f249e5d2db45d986f009e5ec3172c3c"
    assert links["2 quoted or derived from"]["document"] == ID + "source/joint-statement-2025-03-18-defence-ministers"


def test_provenance_of_a_landmine_monitor_figure_reaches_the_report_and_its_publisher(query):
    rows = query("statement-provenance", statement="claim:euronews-2025-04-10-57-lm2024-833-casualties")
    derived = [r for r in rows if r["link"] == "2 quoted or derived from"]
    assert [(r["documentLabel"], r["publisherLabel"], str(r["published"])) for r in derived] == [
        ("Landmine Monitor 2024", "International Campaign to Ban Landmines – Cluster Munition Coalition", "2024-11-20")
    ]


def test_claims_derived_from_landmine_monitor_2024_are_the_articles_and_the_references(query):
    rows = query("claims-by-source", report="source:landmine-monitor-2024")
    in_article = [r for r in rows if r["claim"].startswith(ID + "claim/euronews")]
    assert len(in_article) == 18  # claims 40-58 of the seed article but 43 (Euronews's own words)
    assert (
        len(rows) - len(in_article) == 15
    )  # the 16 Landmine Monitor 2024 rows of the reference, less the release date


def test_the_claims_that_disagree_with_the_reference_are_the_five_reviewed_ones(query):
    rows = {r["claim"].rsplit("-", 2)[0].rsplit("/", 1)[-1]: r for r in query("claims-vs-reference")}
    values = sorted((int(r["claimed"]), int(r["reference"]), r["verdict"]) for r in rows.values())
    assert values == [
        (4, 3, "incorrect"),
        (5, 3, "incorrect"),
        (33, 33, "imprecise"),
        (58, 58, "imprecise"),
        (164, 133, "imprecise"),
    ]


def test_most_quoted_speakers_count_every_statement_and_claim_of_each_speaker(query, real_project):
    rows = query("most-quoted-speakers")
    # every speaker's statements and claims, counted by rdflib over the graph files (not by the query library)
    graph = Graph()
    for path in real_project.all_rdf_files():
        graph.parse(path, format="turtle")
    expected = {
        str(speaker): int(n)
        for speaker, n in graph.query(
            "PREFIX mg: <https://w3id.org/minegraph/ontology#> "
            "SELECT ?speaker (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x mg:speaker ?speaker } GROUP BY ?speaker"
        )
    }
    assert {r["speaker"]: r["assertions"] for r in rows} == expected
    counts = [r["assertions"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert rows[0]["speakerLabel"] == "International Campaign to Ban Landmines – Cluster Munition Coalition"
    assert {
        r["speakerLabel"]: (r["assertions"], r["directQuotes"])
        for r in rows
        if r["speakerLabel"] in ("Cecilia Strada", "Euronews", "Gilles Carbonnier")
    } == {"Cecilia Strada": (8, 5), "Euronews": (8, 5), "Gilles Carbonnier": (8, 4)}  # Strada's eighth: her CSDP vote


def test_mine_use_findings_keep_probable_apart_from_reported(query):
    rows = query("mine-use-findings")
    assert Counter((r["userKind"], r["certainty"]) for r in rows) == {
        ("government forces", "reported"): 2,
        ("non-state armed groups", "reported"): 5,
        ("non-state armed groups", "probable"): 7,
    }
    assert {r["usedByLabel"] for r in rows if r["userKind"] == "government forces"} == {"Myanmar", "Russia"}


def test_membership_claims_of_the_article_sit_beside_counts_recomputed_from_the_treaty_acts(query):
    rows = {r["claim"].rsplit("/", 1)[-1]: r for r in query("claims-vs-membership-data")}
    assert set(rows) == {"euronews-2025-04-10-31-euronews-164-signed", "euronews-2025-04-10-32-euronews-33-not-signed"}
    for row in rows.values():
        # On 2025-04-10: 133 had signed, 164 were bound, 165 had consented (the Marshall Islands deposited
        # on 2025-03-12), 33 of the 197 were not bound, and one of those (the Marshall Islands) had signed.
        assert (row["signed"], row["inForce"], row["consented"], row["notBound"], row["notBoundButSigned"]) == (
            133,
            164,
            165,
            33,
            1,
        )
    assert int(rows["euronews-2025-04-10-31-euronews-164-signed"]["claimed"]) == 164

"""Tracing statements, actors and decisions on the real graph: the card's exact quote, archived context,
offsets, URL and hash; the chain of derivation; resolution by IRI or words, and ambiguous words."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from minegraph.core.namespaces import MG, iri
from minegraph.errors import TraceError
from minegraph.provenance.resolve import resolve, subgraph, trace

STATEMENT = str(iri("statement", "euronews-2025-04-10-01-carbonnier-civilian-victims"))
QUOTE = "We know that over 80% of the victims of anti-personnel mines are civilians and especially children"
URL = "https://www.euronews.com/2025/04/10/eu-countries-withdrawal-from-anti-landmine-convention-sparks-controversy"
SHA256 = "0105f53f769c1b4f4e6cc021b2ec9d032f249e5d2db45d986f009e5ec3172c3c"
WITHDRAWALS = [str(iri("decision", f"{code}-withdrawal")) for code in ("EST", "FIN", "LTU", "LVA", "POL")]
ADOPTION, JOINT_RECOMMENDATION = (
    str(iri("decision", "apmbc-adoption")),
    str(iri("decision", "EST-LVA-LTU-POL-joint-recommendation")),
)


@pytest.fixture(scope="module")
def card(store, snapshot):
    return trace(store, STATEMENT, snapshot)


def test_the_card_has_the_exact_quote_offsets_url_and_hash(card):
    assert card.kind == "statement"
    assert card.quote == QUOTE and card.language == "en"
    assert (card.archive["start"], card.archive["end"]) == (1599, 1697)
    assert card.archive["path"] == "sources/euronews-2025-04-10-anti-personnel-mines.txt"
    assert card.archive["sha256"] == SHA256
    assert card.archive["sha256_matches"] is True and card.archive["offsets_match"] is True
    assert card.source.url == URL
    assert (card.source.title, card.source.publisher_label, card.source.published) == (
        "EU countries' withdrawal from anti-landmine convention sparks controversy",
        "Euronews",
        "2025-04-10",
    )


def test_the_card_shows_the_quote_in_its_archived_context(card):
    assert card.context == {
        "previous_line": "A 'weapon from the past'",
        "before": "“",
        "quote": QUOTE,
        "after": ",” Gilles Carbonnier, vice president of the International Committee of the Red Cross, told Euronews.",
        "next_line": "He considers anti-personnel mines “weapons of the past”, since they principally kill and maim "
        "civilians and have little military effectiveness.",
    }


def test_the_card_names_speaker_role_decisions_stance_and_mode(card):
    assert card.speaker == {"iri": str(iri("person", "gilles-carbonnier")), "label": "Gilles Carbonnier"}
    assert (
        card.speaker_as_reported == "Gilles Carbonnier, vice president of the International Committee of the Red Cross"
    )
    assert card.role["organisation_label"] == "International Committee of the Red Cross"
    assert card.role["role"] == "vice-president" and card.role["period"] == {"inside": "2025-04-10"}
    assert [d["iri"] for d in card.about] == sorted([*WITHDRAWALS, JOINT_RECOMMENDATION])
    assert (card.mode, card.cue) == ("direct quote", "told Euronews")
    assert sorted((a["decision"], a["stance"], a["method"], a["assessor_label"]) for a in card.assessments) == [
        (d, "oppose", "curated", "minegraph curators") for d in sorted([*WITHDRAWALS, JOINT_RECOMMENDATION])
    ]
    assert all(a["note"] and a["confidence"] is None for a in card.assessments)
    assert card.date == {"date": "2025-04-10", "basis": "publication date of the source"}
    # Carbonnier spoke to Euronews: the chain ends at the article and its publisher.
    assert [(d.relation, d.iri) for d in card.chain] == [
        ("appears in", str(iri("source", "euronews-2025-04-10-anti-personnel-mines")))
    ]


def test_a_claim_derived_from_a_report_chains_to_its_publishing_body(store, snapshot):
    claim = trace(store, str(iri("claim", "euronews-2025-04-10-57-lm2024-833-casualties")), snapshot)
    assert claim.kind == "claim" and claim.assessments == []
    assert [(d.relation, d.title, d.publisher_label) for d in claim.chain] == [
        ("appears in", "EU countries' withdrawal from anti-landmine convention sparks controversy", "Euronews"),
        (
            "derived from",
            "Landmine Monitor 2024",
            "International Campaign to Ban Landmines – Cluster Munition Coalition",
        ),
    ]


def test_a_quote_of_a_coalition_is_traced_to_the_joint_statement(store, snapshot):
    quoted = trace(
        store, str(iri("statement", "euronews-2025-04-10-14-joint-statement-every-necessary-measure")), snapshot
    )
    assert quoted.date == {"date": "2025-03-18", "basis": "date of the statement"}
    assert [m["label"] for m in quoted.role["members"]][:1] == ["Minister of Defence of Estonia"]
    assert quoted.chain[1].relation == "quoted from"
    assert quoted.chain[1].iri == str(iri("source", "joint-statement-2025-03-18-defence-ministers"))


def test_the_traced_subgraph_holds_the_statement_and_its_anchor(store, card):
    graph = subgraph(store, card)
    node = URIRef(STATEMENT)
    assert (node, MG.quote, Literal(QUOTE, lang="en")) in graph
    assert len(list(graph.triples((node, MG.about, None)))) == 6  # the five withdrawals and the joint recommendation
    anchor = graph.value(node, MG.anchor)
    assert anchor is not None and len(list(graph.triples((anchor, None, None)))) >= 3
    assert (URIRef(str(iri("person", "gilles-carbonnier"))), None, Literal("Gilles Carbonnier", lang="en")) in graph
    # named nodes are described briefly: a decision brings its type and label, not its sources
    decision = URIRef(WITHDRAWALS[0])
    assert {p for p, _ in graph.predicate_objects(decision)} <= {
        URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    }


def test_an_actor_card_groups_statements_by_decision(store, snapshot, rdf):
    card = trace(store, "person:gilles-carbonnier", snapshot)
    assert card.label == "Gilles Carbonnier"
    # a statement is listed once per stance, under the decisions it is read with that stance toward:
    # 3 support the ban; 8 oppose the five withdrawals and the joint recommendation four of them carry out
    groups = {tuple(d["iri"] for d in g["decisions"]): g["statements"] for g in card.by_decision}
    assert {key: (len(items), {s["stance"] for s in items}) for key, items in groups.items()} == {
        (ADOPTION,): (3, {"support"}),
        tuple(sorted([*WITHDRAWALS, JOINT_RECOMMENDATION])): (8, {"oppose"}),
    }
    strada = trace(store, "person:cecilia-strada", snapshot)
    # her statement 10 is in both the adoption's group and the withdrawals'; her vote against the EP's CSDP
    # resolution (a reported position) is a group of its own
    assert {tuple(d["iri"] for d in g["decisions"]): len(g["statements"]) for g in strada.by_decision} == {
        (ADOPTION,): 1,
        tuple(sorted([*WITHDRAWALS, JOINT_RECOMMENDATION])): 7,
        (str(iri("decision", "european-parliament-csdp-resolution-2025")),): 1,
    }
    icbl = trace(store, "organisation:icbl-cmc", snapshot)
    assert len(icbl.claims) == 53  # claim 43 is Euronews's own wording
    # the campaign's own positions on the withdrawals (reported positions of the debate's pages), each listed
    listed = {s["iri"] for g in icbl.by_decision for s in g["statements"]}
    speaker = str(iri("organisation", "icbl-cmc"))
    assert listed == {
        str(r[0])
        for r in rdf.query(f"PREFIX mg: <{MG}> SELECT ?s WHERE {{ ?s a mg:Statement ; mg:speaker <{speaker}> }}")
    }
    assert listed


def _statements_toward(rdf, decision: str) -> dict[str, dict[str, bool]]:
    """stance -> {statement: reached only through a step of the decision (mg:partOf+)}, by rdflib."""
    rows = rdf.query(f"""PREFIX mg: <{MG}> SELECT DISTINCT ?label ?s ?about WHERE {{
        ?a mg:assessedStatement ?s ; mg:stance ?stance ; mg:towards ?about . ?s a mg:Statement .
        ?about mg:partOf* <{decision}> . ?stance <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }}""")
    out: dict[str, dict[str, bool]] = {}
    for label, statement, about in rows:
        group = out.setdefault(str(label), {})
        group[str(statement)] = group.get(str(statement), True) and str(about) != decision
    return out


def test_a_decision_card_groups_by_stance_and_orders_events(store, snapshot, rdf):
    card = trace(store, "decision:LVA-withdrawal", snapshot)
    expected = _statements_toward(rdf, str(iri("decision", "LVA-withdrawal")))
    # the whole debate: mixed readings too, each stance once, support first
    assert list(card.by_stance)[:3] == ["support", "oppose", "neutral"] and set(card.by_stance) == set(expected)
    assert {k: len(v) for k, v in card.by_stance.items()} == {k: len(v) for k, v in expected.items()}
    # a statement assessed toward Latvia's withdrawal itself has no "via"; one read only toward the joint
    # recommendation (a step of it) is listed via the recommendation
    for stance, items in card.by_stance.items():
        assert sum(s["via"] is not None for s in items) == sum(expected[stance].values()), stance
    assert {s["method"] for items in card.by_stance.values() for s in items} == {"curated"}
    dates = [e["date"] for e in card.events if e["date"]]
    assert dates == sorted(dates)
    assert (dates[0], dates[-1]) == ("2025-03-18", "2025-12-27")
    assert card.events[-1]["label"] == "Latvia's withdrawal takes effect"
    assert card.decided_by["label"] == "Latvia"


def test_resolve_by_iri_prefixed_name_and_words(store):
    assert resolve(store, STATEMENT).kind == "statement"
    assert resolve(store, f"<{STATEMENT}>").iri == STATEMENT
    assert resolve(store, "decision:LVA-withdrawal").kind == "decision"
    assert resolve(store, "over 80% of the victims").iri == STATEMENT
    assert resolve(store, "Gilles Carbonnier").iri == str(iri("person", "gilles-carbonnier"))  # exact name wins
    assert resolve(store, "EPP").iri == str(iri("organisation", "epp"))  # an alternative name


def test_ambiguous_words_list_the_candidates(store):
    with pytest.raises(TraceError) as error:
        resolve(store, "Carbonnier")
    assert sorted(c[0] for c in error.value.candidates) == [
        str(iri("person", "gilles-carbonnier")),
        str(iri("statement", "euronews-2025-04-10-24-carbonnier-no-reciprocity-justification")),
    ]
    assert "ambiguous" in str(error.value) and "person:gilles-carbonnier" in str(error.value)
    assert error.value.exit_code == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ("statement:does-not-exist", "is not in the graph"),
        ("source:euronews-2025-04-10-anti-personnel-mines", "is not a statement, claim, actor or decision"),
        ("nosuchprefix:thing", "unknown prefix"),
        ("zebra quokka", "contains all of: zebra quokka"),
        ("…", "nothing to search for"),
    ],
)
def test_nothing_to_trace_is_a_clear_error(store, text, message):
    with pytest.raises(TraceError, match=message):
        resolve(store, text)


def test_an_archive_path_leaving_the_project_is_never_read(snapshot, tmp_path):
    from minegraph.provenance.cards import _archive_text

    secret = tmp_path / "secret.txt"
    secret.write_text("not for the card")
    outside = "../" * 12 + str(secret).lstrip("/")
    assert _archive_text(snapshot, outside) == (None, None)
    assert _archive_text(snapshot, "sources/../../ontology/minegraph.ttl") == (None, None)
    file, text = _archive_text(snapshot, "sources/euronews-2025-04-10-anti-personnel-mines.txt")
    assert text is not None and file.name.endswith(".txt")

"""The story of the debate (``minegraph run`` and the report): who stood where, when the camps formed and on
which evidence, from a fiction fixture; and the real graph's evidence counts against SPARQL counts."""

from __future__ import annotations

import datetime

from minegraph.analysis.discourse.statements import Coded, Statements
from minegraph.report.debate import Debate, Story, evidence_sentence, positions, story, timeline

D = datetime.date


def coded(name, person, decision, stance, date, evidence="anchored-quote"):
    return Coded(f"ex:{name}", person, person, person, decision, stance, date, evidence, ())


def fiction() -> Statements:
    rows = [
        coded("p1", "ex:P", "ex:X", "support", D(2025, 2, 1)),
        coded("q1", "ex:Q", "ex:X", "oppose", D(2025, 2, 3), "reported-position"),
        coded("r1", "ex:R", "ex:X", "oppose", D(2025, 5, 1)),
        coded("s1", "ex:S", "ex:X", "support", D(2025, 5, 2), "reported-position"),
        coded("q2", "ex:Q", "ex:X", "oppose", D(2025, 5, 3), "reported-position"),
    ]
    return Statements(rows, {"ex:P": "Pia", "ex:Q": "Quinn", "ex:R": "Rosa", "ex:S": "Sam", "ex:X": "the withdrawal"})


def test_who_stood_where_marks_positions_resting_only_on_reported_ones():
    assert positions(Debate.of(fiction())) == [
        "the withdrawal: for — Pia, Sam (reported); against — Quinn (reported), Rosa."
    ]


def test_when_the_camps_formed_quarter_by_quarter():
    lines = timeline(Debate.of(fiction()))
    # Q1: Pia against Quinn; Q2: Sam against Quinn and Rosa (Pia silent): one common actor, no Rand index
    assert lines[0] == "Q1 2025: 2 statements; polarisation 1.00; camps: Pia — against — Quinn."
    assert lines[1] == "Q2 2025: 3 statements; polarisation 1.00; camps: Quinn and Rosa — against — Sam."
    assert lines[2:4] == ["Q3 2025: 0 statements.", "Q4 2025: 0 statements."]
    assert lines[4].startswith("In windows of 30d moved every 7d, two camps first appear in the window 2025-01-")


def test_the_evidence_of_the_story():
    text = evidence_sentence(Debate.of(fiction()))
    assert (
        text.startswith("5 statements by 4 speakers; 2 rest on anchored quotes") and "3 on reported positions" in text
    )
    assert story(Debate.of(fiction()))[1] == "Who stood where:"


def test_real_evidence_counts_equal_sparql_counts(store):
    from minegraph.queries.run import run_sparql

    statements = Statements.from_store(store)
    anchored = run_sparql(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?a mg:assessedStatement ?s . ?s a mg:Statement ; "
        "mg:anchor ?anchor }",
        store=store,
    ).rows[0]["n"]
    everyone = run_sparql(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?a mg:assessedStatement ?s . ?s a mg:Statement }", store=store
    ).rows[0]["n"]
    said = {c.statement for c in statements.coded}
    assert len(said) == everyone
    assert len({c.statement for c in statements.coded if c.evidence == "anchored-quote"}) == anchored


def test_the_story_of_an_unchanged_graph_is_told_again_without_analysing_it(snapshot, tmp_path):
    from minegraph.store import persisted_store

    store = persisted_store(snapshot, location=tmp_path / "store")
    told = Story(store, snapshot)
    lines = told.told.lines()
    assert "debate" in vars(told)  # analysed: nothing was kept yet
    again = Story(store, snapshot)
    assert again.told.lines() == lines and "debate" not in vars(again)  # told from the record, not analysed
    assert lines == story(Debate.of(Statements.from_store(store, snapshot)))

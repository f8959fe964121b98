"""Issue 23: indirect and institutional speech, collective speakers, transcript turns, and the stance toward
the act itself per decision. Every text here is fiction written for these tests."""

from __future__ import annotations

import pytest

from minegraph.ingest import evaluate, extract
from tests.support.paths import GOLD


def run(text, actors, decisions):
    found = extract(text, actors, decisions)
    for c in found:
        assert text[c.start : c.end] == c.quote
    return found


def test_an_institution_condemning_a_decision_without_quotation_marks_is_a_statement(actors, decisions):
    text = (
        "Poland's parliament approved the exit on Friday.\n\n"
        "The Clearfield Mine Action Trust condemned the decision of the Polish parliament. "
        "The organisation said that no argument could justify a weapon that maims children."
    )
    found = run(text, actors, decisions)
    assert [c.speaker for c in found] == ["Clearfield Mine Action Trust", "Clearfield Mine Action Trust"]
    assert found[0].quote.startswith("The Clearfield Mine Action Trust condemned")
    assert all(c.stance == "oppose" and c.about == ["decision:POL-withdrawal"] for c in found)


def test_a_collective_speaker_is_a_group_and_its_statement_bears_on_each_named_decision(actors, decisions):
    text = (
        "Estonia and Latvia are leaving the mine ban.\n\n"
        "In a joint letter, the two governments argued that their forces needed every means of deterrence."
    )
    (c,) = run(text, actors, decisions)
    assert c.speaker.endswith("two governments") and c.speaker_kind == "group"
    assert c.about == ["decision:EST-withdrawal", "decision:LVA-withdrawal"]
    assert c.stance == "support"


def test_the_own_government_explaining_its_withdrawal_supports_it_and_says_why(actors, decisions):
    text = (
        "Latvia deposited its instrument of withdrawal today.\n\n"
        "The Latvian foreign ministry said that the country remained committed to humanitarian law."
    )
    (c,) = run(text, actors, decisions)
    assert c.stance == "support"
    assert any("own government" in r for r in c.rests_on)


def test_a_third_government_taking_note_stays_neutral(actors, decisions):
    text = (
        "Finland's withdrawal took effect on Saturday.\n\n"
        "A Swedish foreign ministry official said her government took note of the decision."
    )
    (c,) = run(text, actors, decisions)
    assert c.stance == "neutral"


def test_praise_of_the_treaty_against_leaving_it_opposes_the_withdrawal_and_supports_the_ban(actors, decisions):
    text = (
        "Lithuania is leaving the Ottawa treaty.\n\n"
        "“The treaty has saved countless lives,” said Ona Petraitė, a deminer."
    )
    (c,) = run(text, actors, decisions)
    assert c.stance == "oppose" and c.stances["decision:LTU-withdrawal"] == "oppose"
    assert c.stances["decision:apmbc-adoption"] == "support"


def test_a_negated_cue_word_says_nothing(actors, decisions):
    text = "Poland is leaving the treaty.\n\nJan Kowal, a teacher, said that there was no security reason he could see."
    (c,) = run(text, actors, decisions)
    assert c.stance == "neutral" and "security" not in c.rests_on


def test_an_interview_turn_labelled_with_a_known_surname_is_the_interviewees(actors, decisions):
    text = (
        "Our reporter spoke to deminer Maria Lund after Finland announced its exit.\n\n"
        "Q: Was it a surprise?\n\n"
        "Lund: Not really. But this decision is wrong and it will cost lives."
    )
    (c,) = run(text, actors, decisions)
    assert c.speaker == "Maria Lund" and c.quote.startswith("Not really")
    assert c.stance == "oppose"


def test_a_procedural_report_by_an_office_holder_is_a_neutral_statement(actors, decisions):
    text = (
        "New York, 30 June\n\n"
        "The Secretary-General, in his capacity as depositary, confirms that he received an instrument of "
        "withdrawal from Latvia. He notes that the withdrawal will take effect after six months."
    )
    found = run(text, actors, decisions)
    assert [c.speaker for c in found] == ["Secretary-General", "Secretary-General"]
    assert [c.stance for c in found] == ["neutral", "neutral"]


@pytest.fixture(scope="module")
def report(actors, decisions):
    return evaluate(GOLD, actors, decisions)


def test_held_out_gold_of_issue_23_meets_span_and_speaker_targets(report):
    rows = {(r["part"], r["class"]): r for r in report.by_class()}
    held = rows[("held-out", "ALL")]
    assert held["f1"] >= 0.90 and held["speaker"] >= 0.90
    assert {"own-act", "contrast", "collective", "procedural", "third-party"} <= {
        c for (part, c) in rows if part == "held-out"
    }

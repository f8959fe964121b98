"""The extractor on short texts written for these tests (fiction), one behaviour each."""

from __future__ import annotations

import json

import pytest

from minegraph.ingest import extract, extract_file, to_json, to_table
from minegraph.ingest.model import Candidate
from tests.support.paths import GOLD


def run(text, actors, decisions=None) -> list[Candidate]:
    found = extract(text, actors, decisions)
    for c in found:
        assert text[c.start : c.end] == c.quote
    return found


def pairs(found):
    return [(c.quote, c.speaker) for c in found]


def test_split_quotation_is_two_items_of_one_speaker(actors):
    text = "“The danger,” said Ana Ruiz of the Red Cross, “is the example they set.”"
    assert pairs(run(text, actors)) == [("The danger", "Ana Ruiz"), ("is the example they set", "Ana Ruiz")]


def test_pronoun_chain_across_paragraphs(actors):
    text = (
        "Poland's defence minister, Tomasz Nowak, visited the border.\n\n"
        'He said the army was ready. "We will not be surprised," he said.\n\n'
        "The minister later met Anna Lis, a local mayor. She said the village was afraid."
    )
    got = pairs(run(text, actors))
    assert got == [
        ("the army was ready", "Tomasz Nowak"),
        ("We will not be surprised", "Tomasz Nowak"),
        ("the village was afraid", "Anna Lis"),
    ]


def test_cue_less_quotation_continues_the_last_speaker(actors):
    text = "“Mines kill children,” said Ana Ruiz.\n“They stay in the ground for decades.”"
    assert [c.speaker for c in run(text, actors)] == ["Ana Ruiz", "Ana Ruiz"]


def test_partial_quotation_inside_paraphrase_is_the_sentence(actors):
    text = "Gilles Carbonnier spoke first. He considers the mines “weapons of the past”, since they kill."
    (c,) = run(text, actors)
    assert c.mode == "partial" and not c.direct
    assert c.quote == "He considers the mines “weapons of the past”, since they kill."
    assert c.speaker_iri == "person:gilles-carbonnier"


def test_bracketed_insertion_stays_in_the_quote(actors):
    (c,) = run("“We [the government] will not change course,” Ana Ruiz said.", actors)
    assert c.quote == "We [the government] will not change course"


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        ("According to the Red Cross spokesperson Ana Ruiz, the mines remain.", "the mines remain", "Ana Ruiz"),
        ("The mines remain, Ana Ruiz told Reuters.", "The mines remain", "Ana Ruiz"),
        (
            "In a joint statement, the ministers of Estonia and Latvia said that they would leave the treaty.",
            "they would leave the treaty",
            "ministers of Estonia and Latvia",
        ),
        ("Ana Ruiz said that the treaty had saved lives.", "the treaty had saved lives", "Ana Ruiz"),
    ],
)
def test_attributed_paraphrase(actors, text, quote, speaker):
    (c,) = run(text, actors)
    assert (c.quote, c.speaker, c.direct) == (quote, speaker, False)


def test_government_statement_and_answer_to_euronews(actors):
    text = (
        'Latvian government was outspoken in its answer to Euronews: "Mines can be used."\n'
        '"They slow an enemy down", reads the government\'s statement to Euronews.'
    )
    found = run(text, actors)
    assert [c.speaker_iri for c in found] == ["organisation:LVA-government"] * 2


def test_quotations_of_no_speaker_are_ignored(actors):
    text = (
        '"Leave now": a campaign in Riga\n'
        'Posters reading "Mines save lives" appeared. The film "Fields of Iron" used so-called '
        '"iron" imagery. Article 1 obliges each State Party "never under any circumstances to use '
        'anti-personnel mines".'
    )
    assert run(text, actors) == []


def test_debate_turns(actors):
    text = (
        "The Chair (Anna Berg): The next item is the mine bill.\n"
        "Mr Karl Ozols (Greens): This bill will cost lives. I oppose it.\n"
        "The Chair: Thank you, Mr Ozols."
    )
    assert pairs(run(text, actors)) == [
        ("The next item is the mine bill", "Anna Berg"),
        ("This bill will cost lives. I oppose it", "Karl Ozols"),
        ("Thank you, Mr Ozols", "Anna Berg"),
    ]


def test_role_and_organisation_from_apposition(actors):
    (c,) = run("“Mines are cruel,” said Ana Ruiz, a researcher at the Geneva Mine Forum.", actors)
    assert (c.role, c.organisation) == ("researcher", "Geneva Mine Forum")


def test_stance_and_decision_suggestions(actors, decisions):
    text = (
        "Finland announced its withdrawal from the treaty.\n"
        "“Civilians and children will be the victims,” said Ana Ruiz.\n"
        "“This strengthens our security and deterrence,” said Finland’s defence minister."
    )
    first, second = run(text, actors, decisions)
    assert (first.about, first.stance) == (["decision:FIN-withdrawal"], "oppose")
    assert (second.about, second.stance, second.speaker_iri) == (
        ["decision:FIN-withdrawal"],
        "support",
        "post:FIN-minister-of-defence",
    )
    assert {"children", "civilians", "victims"} <= set(first.rests_on)
    assert 0 < first.confidence <= 1


def test_json_has_exactly_the_issue_fields(actors):
    found = run("“Mines kill,” said Ana Ruiz.", actors)
    body = json.loads(to_json(found))
    assert list(body) == ["statements"]
    assert list(body["statements"][0]) == [
        "quote",
        "start",
        "end",
        "direct",
        "speaker",
        "speaker_iri",
        "role",
        "organisation",
        "cue",
        "about",
        "stance",
        "confidence",
    ]
    assert "Ana Ruiz" in to_table(found)


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.txt")), ids=lambda p: p.stem)
def test_offsets_slice_every_gold_text_and_output_is_deterministic(actors, decisions, path):
    first = extract_file(path, actors, decisions)
    text = path.read_text(encoding="utf-8")
    assert all(text[c.start : c.end] == c.quote for c in first)
    assert to_json(first) == to_json(extract_file(path, actors, decisions))


def test_cue_verb_with_object_then_quotation(actors):
    (c,) = run("Ana Ruiz told reporters “The treaty works.”", actors)
    assert (c.quote, c.speaker) == ("The treaty works", "Ana Ruiz")


def test_said_in_a_statement_that(actors):
    (c,) = run("Ana Ruiz said in a statement that the mines would stay in storage.", actors)
    assert (c.quote, c.cue) == ("the mines would stay in storage", "said in a statement that")


def test_named_turn_with_party(actors):
    text = "Karl Ozols (Greens): This bill will cost lives.\nAnna Berg (Liberals): It will save them."
    assert pairs(run(text, actors)) == [("This bill will cost lives", "Karl Ozols"), ("It will save them", "Anna Berg")]


def test_cue_less_quotation_after_a_sentence_naming_its_subject(actors):
    text = "“Mines kill,” said Ana Ruiz. Karl Ozols, a deputy, disagreed. “They protect the border.”"
    assert [c.speaker for c in run(text, actors)] == ["Ana Ruiz", "Karl Ozols"]


def test_the_ministry_takes_the_country_of_the_story(actors):
    text = "Finland will leave the treaty. The ministry said that the stocks were small and would stay so."
    (c,) = run(text, actors)
    assert c.speaker_iri == "organisation:FIN-ministry-of-defence"


def test_the_ministry_of_a_country_with_two_is_not_guessed(actors):
    text = "Estonia will leave the treaty. The ministry said that the stocks were small and would stay so."
    (c,) = run(text, actors)  # the graph knows Estonia's ministries of defence and of foreign affairs
    assert c.speaker_iri is None and c.new_actor

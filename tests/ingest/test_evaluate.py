"""The measurement: the seed article meets issue 10's targets; gold files are checked; scoring rules."""

from __future__ import annotations

import json

import pytest

from minegraph.ingest import evaluate
from minegraph.ingest.evaluate import GoldError, load_gold, score_text, speaker_matches
from minegraph.ingest.model import Candidate
from tests.support.paths import GOLD

SEED = "euronews-2025-04-10-anti-personnel-mines"


@pytest.fixture(scope="module")
def report(actors, decisions):
    return evaluate(GOLD, actors, decisions)


def test_seed_article_meets_the_targets(report):
    seed = next(t for t in report.texts if t.name == SEED).figures()
    assert seed["gold"] == 27
    assert seed["f1"] >= 0.90
    assert seed["speaker_accuracy"] >= 0.90
    assert seed["stance_accuracy"] >= 0.75


def test_every_gold_file_is_valid_and_reported(report):
    names = {t.name for t in report.texts}
    assert SEED in names and len([n for n in names if n.startswith("fiction-")]) >= 8
    for path in GOLD.glob("*.json"):
        load_gold(path)
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert {"title", "publisher", "date", "url", "gold"} <= doc.keys()
        if path.stem.startswith("fiction-"):
            assert "FICTION" in doc["title"] and "FICTION" in doc["note"]


def test_table_and_json_name_every_text_and_the_overall_row(report):
    table = report.table()
    assert SEED in table and "overall" in table and "fiction-08-unattributed-quotes" in table
    rows = json.loads(report.json())["texts"]
    assert rows[-1]["text"] == "overall"
    assert rows[-1]["gold"] == sum(r["gold"] for r in rows[:-1])


def _cand(quote, start, speaker="Ana Ruiz", iri=None, stance="oppose"):
    return Candidate(quote, start, start + len(quote), True, speaker, iri, None, None, None, [], stance, 0.5)


def test_overlap_of_half_the_longer_span_matches_and_exact_is_counted_apart():
    text = "“We will not change course on the treaty,” said Ana Ruiz."
    gold = [{"speaker": "Ana Ruiz", "quote": "We will not change course on the treaty", "stance": "oppose"}]
    half = _cand("We will not change course", 1)
    score = score_text("t", text, gold, [half])
    assert (score.matched, score.exact) == (1, 0)
    short = _cand("We will", 1)
    assert score_text("t", text, gold, [short]).matched == 0
    exact = _cand(gold[0]["quote"], 1)
    assert score_text("t", text, gold, [exact, half]).figures()["precision"] == 0.5


def test_speaker_match_rules():
    item = {"speaker": "Dovilė Šakalienė", "speaker_canonical": ["person:dovile-sakaliene", "the minister"]}
    assert speaker_matches(_cand("x", 0, "dovile sakaliene"), item)
    assert speaker_matches(_cand("x", 0, "Šakalienė"), item)
    assert speaker_matches(_cand("x", 0, "The Minister"), item)
    assert speaker_matches(_cand("x", 0, "someone", "person:dovile-sakaliene"), item)
    assert not speaker_matches(_cand("x", 0, "Dovilė"), item)
    assert not speaker_matches(_cand("x", 0, "Rasa Šakalienė"), item)


def test_bad_gold_is_an_error_naming_the_file_and_item(tmp_path):
    (tmp_path / "a.txt").write_text("“Mines kill,” said Ana Ruiz.", encoding="utf-8")
    gold = {"title": "t", "gold": [{"speaker": "Ana Ruiz", "quote": "Mines maim", "stance": "oppose"}]}
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(GoldError, match=r"a\.json: gold item 1: quote occurs 0 times"):
        evaluate(tmp_path, [])
    gold["gold"][0].update(quote="Mines kill", stance="against")
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(GoldError, match="gold item 1: stance 'against'"):
        evaluate(tmp_path, [])
    (tmp_path / "a.json").write_text("{\n  nope", encoding="utf-8")
    with pytest.raises(GoldError, match=r"a\.json: line 2: not JSON"):
        evaluate(tmp_path, [])

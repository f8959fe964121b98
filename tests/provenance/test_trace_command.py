"""``minegraph trace`` on a snapshot of the real project: the card as text, JSON and Turtle, by IRI or by
words, to a file, and exit code 2 with a clear message for what cannot be traced."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef

from minegraph.core.namespaces import MG, concept, iri
from tests.support.snapshot import count_distinct, run_cli

STATEMENT = "statement:euronews-2025-04-10-01-carbonnier-civilian-victims"
QUOTE = "We know that over 80% of the victims of anti-personnel mines are civilians and especially children"
URL = "https://www.euronews.com/2025/04/10/eu-countries-withdrawal-from-anti-landmine-convention-sparks-controversy"
SHA256 = "0105f53f769c1b4f4e6cc021b2ec9d032f249e5d2db45d986f009e5ec3172c3c"


def test_trace_text_card(snapshot, capsys):
    code, out, _ = run_cli(snapshot, capsys, "trace", STATEMENT)
    assert code == 0
    flat = " ".join(out.split())
    for expected in (
        QUOTE,
        "1599–1697",
        URL,
        SHA256,
        "A 'weapon from the past'",
        "Gilles Carbonnier",
        "vice-president, International Committee of the Red Cross (held on 2025-04-10)",
        "oppose",
        "told Euronews",
        "Chain of derivation",
        "published by Euronews",
    ):
        assert expected in flat, expected


def test_trace_json_and_turtle(snapshot, capsys):
    code, out, _ = run_cli(snapshot, capsys, "trace", STATEMENT, "--format", "json")
    card = json.loads(out)
    assert code == 0 and card["kind"] == "statement" and card["quote"] == QUOTE
    assert (card["archive"]["start"], card["archive"]["end"], card["archive"]["sha256"]) == (1599, 1697, SHA256)
    assert card["source"]["url"] == URL and "nodes" not in card
    code, out, _ = run_cli(snapshot, capsys, "trace", STATEMENT, "--format", "ttl")
    graph = Graph().parse(data=out, format="turtle")
    assert (
        code == 0
        and (URIRef(str(iri("statement", STATEMENT.split(":")[1]))), MG.quote, Literal(QUOTE, lang="en")) in graph
    )


def test_trace_by_words_and_to_a_file(snapshot, capsys, tmp_path, rdf):
    code, _, err = run_cli(
        snapshot,
        capsys,
        "trace",
        "Latvia's",
        "withdrawal",
        "from",
        "the",
        "Anti-Personnel",
        "Mine",
        "Ban",
        "Convention",
        "--output",
        str(tmp_path / "card.txt"),
    )
    assert code == 0 and "wrote" in err
    text = (tmp_path / "card.txt").read_text(encoding="utf-8")
    opposing = count_distinct(
        rdf,
        f"?a mg:assessedStatement ?x ; mg:stance <{concept('stance', 'oppose')}> ; "
        f"mg:towards/mg:partOf* <{iri('decision', 'LVA-withdrawal')}> . ?x a mg:Statement",
    )
    assert text.startswith("Decision  Latvia's withdrawal") and f"Oppose ({opposing} statements):" in text


@pytest.mark.parametrize(
    "target, message",
    [
        (
            "statement:does-not-exist",
            "minegraph: error: statement:does-not-exist is not in the graph: nothing to trace",
        ),
        ("Carbonnier", "minegraph: error: 'Carbonnier' is ambiguous: it matches 2 nodes; trace one of them by IRI"),
    ],
)
def test_trace_exits_2_on_what_cannot_be_traced(snapshot, capsys, target, message):
    code, out, err = run_cli(snapshot, capsys, "trace", target)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == message
    if target == "Carbonnier":
        assert "person:gilles-carbonnier  (actor)  Gilles Carbonnier" in err

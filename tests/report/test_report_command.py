"""``minegraph trace``, ``network`` and ``report`` on a snapshot of the real project: outputs, files, exit
codes (2 with a clear message for what cannot be traced), and the report's sections and links."""

from __future__ import annotations

import datetime
import json
import re

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef

from minegraph.cli import main
from minegraph.core.namespaces import MG, concept, iri
from minegraph.report.html import write_report

STATEMENT = "statement:euronews-2025-04-10-01-carbonnier-civilian-victims"
QUOTE = "We know that over 80% of the victims of anti-personnel mines are civilians and especially children"
URL = "https://www.euronews.com/2025/04/10/eu-countries-withdrawal-from-anti-landmine-convention-sparks-controversy"
SHA256 = "0105f53f769c1b4f4e6cc021b2ec9d032f249e5d2db45d986f009e5ec3172c3c"


def run(snapshot, capsys, *args):
    code = main(["--project", str(snapshot.root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_trace_text_card(snapshot, capsys):
    code, out, _ = run(snapshot, capsys, "trace", STATEMENT)
    assert code == 0
    flat = " ".join(out.split())
    for expected in (QUOTE, "1599–1697", URL, SHA256, "A 'weapon from the past'", "Gilles Carbonnier",
                     "vice-president, International Committee of the Red Cross (held on 2025-04-10)",
                     "oppose", "told Euronews", "Chain of derivation", "published by Euronews"):
        assert expected in flat, expected


def test_trace_json_and_turtle(snapshot, capsys):
    code, out, _ = run(snapshot, capsys, "trace", STATEMENT, "--format", "json")
    card = json.loads(out)
    assert code == 0 and card["kind"] == "statement" and card["quote"] == QUOTE
    assert (card["archive"]["start"], card["archive"]["end"], card["archive"]["sha256"]) == (1599, 1697, SHA256)
    assert card["source"]["url"] == URL and "nodes" not in card
    code, out, _ = run(snapshot, capsys, "trace", STATEMENT, "--format", "ttl")
    graph = Graph().parse(data=out, format="turtle")
    assert code == 0 and (URIRef(str(iri("statement", STATEMENT.split(":")[1]))), MG.quote, Literal(QUOTE, lang="en")) in graph


def test_trace_by_words_and_to_a_file(snapshot, capsys, tmp_path, rdf):
    code, _, err = run(snapshot, capsys, "trace", "Latvia's", "withdrawal", "from", "the", "Anti-Personnel", "Mine",
                       "Ban", "Convention", "--output", str(tmp_path / "card.txt"))
    assert code == 0 and "wrote" in err
    text = (tmp_path / "card.txt").read_text(encoding="utf-8")
    opposing = _count(rdf, f"?a mg:assessedStatement ?x ; mg:stance <{concept('stance', 'oppose')}> ; "
                           f"mg:towards/mg:partOf* <{iri('decision', 'LVA-withdrawal')}> . ?x a mg:Statement")
    assert text.startswith("Decision  Latvia's withdrawal") and f"Oppose ({opposing} statements):" in text


@pytest.mark.parametrize("target, message", [
    ("statement:does-not-exist", "minegraph: error: statement:does-not-exist is not in the graph: nothing to trace"),
    ("Carbonnier", "minegraph: error: 'Carbonnier' is ambiguous: it matches 2 nodes; trace one of them by IRI"),
])
def test_trace_exits_2_on_what_cannot_be_traced(snapshot, capsys, target, message):
    code, out, err = run(snapshot, capsys, "trace", target)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == message
    if target == "Carbonnier":
        assert "person:gilles-carbonnier  (actor)  Gilles Carbonnier" in err


def _size(analysis, name):
    """The size of one of the analysis's graphs (test_network checks these against the graph files)."""
    graph = analysis.graphs[name]
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def test_network_tables(snapshot, capsys, analysis):
    code, out, _ = run(snapshot, capsys, "network")
    assert code == 0
    stance = _size(analysis, "stance")
    assert re.search(rf"^stance\s+{stance['nodes']}\s+{stance['edges']}\s", out, re.M)
    assert re.search(r"^membership\s+167\s+166\s", out, re.M)
    assert re.search(r"^Coalition \d\s+Gilles Carbonnier\s", out, re.M)
    assert re.search(r"^no side taken\s+Anouar El Anouni\s", out, re.M)


def test_network_json_and_exports(snapshot, capsys, tmp_path, analysis):
    code, out, err = run(snapshot, capsys, "network", "--format", "json", "--output", str(tmp_path))
    data = json.loads(out)
    assert code == 0
    assert {name: data["graphs"][name] for name in ("stance", "agreement", "reported")} == {
        name: _size(analysis, name) for name in ("stance", "agreement", "reported")}
    # the debate's signed graph is no longer balanced (the seed's was: frustration 0); the CLI prints the analysis's
    expected = analysis.to_dict()
    assert data["frustration"] == expected["frustration"] > 0 and len(data["coalitions"]) == len(expected["coalitions"]) == 2
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([f"{g}-network.{f}" for g in ("stance", "agreement", "reported", "membership")
                            for f in ("graphml", "gexf")] + ["stance-network.png", "stance-network.svg"])
    assert err.count("wrote ") == 10
    assert nx.read_gexf(tmp_path / "stance-network.gexf").number_of_edges() == _size(analysis, "stance")["edges"]


@pytest.fixture(scope="module")
def report(store, snapshot, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    path = write_report(store, snapshot, out, today=datetime.date(2026, 3, 1))
    return path, path.read_text(encoding="utf-8")


def test_the_report_has_its_sections_pictures_and_links(report, rdf):
    path, page = report
    assert path.name == "index.html"
    for section in ("headline", "membership", "network", "debate", "who-said-what", "claims", "sources"):
        assert f'<section id="{section}">' in page
    assert page.count('src="data:image/png;base64,') == 4
    assert {p.name for p in path.parent.iterdir()} == {
        "index.html", "membership-over-time.png", "membership-over-time.svg", "stance-network.png", "stance-network.svg",
        "congruence-by-window.png", "congruence-by-window.svg", "polarisation-curve.png", "polarisation-curve.svg"}
    pairs = rdf.query(f"PREFIX mg: <{MG}> SELECT DISTINCT ?s ?stance WHERE {{ ?a mg:assessedStatement ?s ; mg:stance ?stance . "
                      "?s a mg:Statement }")
    assert page.count("minegraph trace statement:") == len(pairs)  # one row per statement and stance
    # the seed article's 26 statements (31 rows) and the reviewed claims link to the article
    assert page.count(f'<a href="{URL}">') >= 31 + 5
    assert "European People&#x27;s Party" in page  # text is escaped
    assert "<script" not in page and "<link" not in page  # self-contained: no external scripts or styles


def _count(rdf, where: str) -> str:
    """COUNT(DISTINCT ?x) of a pattern, by rdflib: independent of the report's queries."""
    return str(next(iter(rdf.query(f"PREFIX mg: <{MG}> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")))[0])


def test_the_report_headline_figures_come_from_the_graph(report, rdf):
    _, page = report
    figures = dict((what, value) for value, what in
                   re.findall(r'<div class="value">(\d+)</div><div class="what">([^<]+)</div>', page))
    # On 1 March 2026 all five withdrawals had taken effect (Poland's last, on 20 February 2026).
    assert figures["states for which the Convention is in force on 01 March 2026"] == "161"
    assert figures["withdrawal decisions (2025), 5 in effect by 01 March 2026"] == "5"
    # the whole 2025 debate: the seed's anchored quotes and the reported positions, each statement once
    assert figures["statements about decisions, with speaker and stance assessments"] == _count(rdf, "?x a mg:Statement")
    # everyone with a statement or a claim (the Commission is none: Euronews characterises it)
    assert figures["speakers quoted"] == _count(rdf, "?assertion mg:speaker ?x")


def test_the_report_lists_claims_that_disagree_with_the_reference(report):
    _, page = report
    claims = page.split('<section id="claims">')[1].split("</section>")[0]
    assert claims.count("<tr>") == 1 + 5  # header and the five reviews whose verdict is not "correct"
    assert "five Baltic member states" in claims and "incorrect" in claims


def test_report_command_prints_the_path(snapshot, capsys, tmp_path):
    code, out, _ = run(snapshot, capsys, "report", "--output", str(tmp_path / "r"))
    assert code == 0 and out.strip() == str(tmp_path / "r" / "index.html")
    assert (tmp_path / "r" / "index.html").stat().st_size > 100_000

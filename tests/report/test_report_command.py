"""``minegraph report`` on a snapshot of the real project: the page's sections, pictures and links, its
headline figures counted independently from the graph, and the command printing the path."""

from __future__ import annotations

import datetime
import re

import pytest

from minegraph.core.namespaces import MG
from minegraph.report.html import write_report
from tests.support.snapshot import count_distinct, run_cli

URL = "https://www.euronews.com/2025/04/10/eu-countries-withdrawal-from-anti-landmine-convention-sparks-controversy"


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
        "index.html",
        "membership-over-time.png",
        "membership-over-time.svg",
        "stance-network.png",
        "stance-network.svg",
        "congruence-by-window.png",
        "congruence-by-window.svg",
        "polarisation-curve.png",
        "polarisation-curve.svg",
    }
    pairs = rdf.query(
        f"PREFIX mg: <{MG}> SELECT DISTINCT ?s ?stance WHERE {{ ?a mg:assessedStatement ?s ; mg:stance ?stance . "
        "?s a mg:Statement }"
    )
    assert page.count("minegraph trace statement:") == len(pairs)  # one row per statement and stance
    # the seed article's 26 statements (31 rows) and the reviewed claims link to the article
    assert page.count(f'<a href="{URL}">') >= 31 + 5
    assert "European People&#x27;s Party" in page  # text is escaped
    assert "<script" not in page and "<link" not in page  # self-contained: no external scripts or styles


def test_the_report_headline_figures_come_from_the_graph(report, rdf):
    _, page = report
    figures = dict(
        (what, value)
        for value, what in re.findall(r'<div class="value">(\d+)</div><div class="what">([^<]+)</div>', page)
    )
    # On 1 March 2026 all five withdrawals had taken effect (Poland's last, on 20 February 2026).
    assert figures["states for which the Convention is in force on 01 March 2026"] == "161"
    assert figures["withdrawal decisions (2025), 5 in effect by 01 March 2026"] == "5"
    # the whole 2025 debate: the seed's anchored quotes and the reported positions, each statement once
    assert figures["statements about decisions, with speaker and stance assessments"] == count_distinct(
        rdf, "?x a mg:Statement"
    )
    # everyone with a statement or a claim (the Commission is none: Euronews characterises it)
    assert figures["speakers quoted"] == count_distinct(rdf, "?assertion mg:speaker ?x")


def test_the_report_lists_claims_that_disagree_with_the_reference(report):
    _, page = report
    claims = page.split('<section id="claims">')[1].split("</section>")[0]
    assert claims.count("<tr>") == 1 + 5  # header and the five reviews whose verdict is not "correct"
    assert "five Baltic member states" in claims and "incorrect" in claims


def test_report_command_prints_the_path_and_its_progress_on_stderr(snapshot, capsys, tmp_path):
    code, out, err = run_cli(snapshot, capsys, "report", "--output", str(tmp_path / "r"))
    assert code == 0 and out.strip() == str(tmp_path / "r" / "index.html")
    assert (tmp_path / "r" / "index.html").stat().st_size > 100_000
    assert "analysing the stance network" in err and "analysing the debate" in err and err.count("wrote ") == 8
    code, out, err = run_cli(snapshot, capsys, "report", "--output", str(tmp_path / "r"))
    assert code == 0 and out.strip() == str(tmp_path / "r" / "index.html")
    assert err.count("unchanged: ") == 4 and "analysing" not in err and "wrote " not in err  # nothing changed

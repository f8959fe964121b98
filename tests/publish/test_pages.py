"""Entity pages draw the trace card the CLI prints (one renderer, two outputs): a statement's page shows
every stance the terminal card shows, in the same order, on a real endpoint (no browser needed)."""

from __future__ import annotations

import re
import urllib.request
from html import unescape

from minegraph.provenance.cards import statement_card
from minegraph.provenance.render import render_text, statement_entries
from minegraph.publish.pages import card_html
from minegraph.store.oxigraph import OxigraphStore

STATEMENT = "https://w3id.org/minegraph/id/statement/euronews-2025-04-10-10-strada-banning-obvious"


def _stances(html: str) -> list[str]:
    cells = re.findall(r'<tr class="sub"><th>stance</th><td>(.*?)</td></tr>', html)
    return [unescape(re.sub(r"<[^>]+>", "", cell)) for cell in cells]


def test_a_statement_page_shows_the_stances_the_cli_card_shows(project):
    card = statement_card(OxigraphStore.memory(project.all_rdf_files()), STATEMENT, project)
    shown = _stances(card_html(card.to_dict(), "https://w3id.org/minegraph/"))
    printed = [text for name, text, _ in statement_entries(card) if name.strip() == "stance"]
    assert shown == printed and {s.split()[0] for s in shown} == {"oppose", "support"}
    assert all(" ".join(s.split()) in " ".join(render_text("statement", card, 10_000).split()) for s in printed)
    assert "none recorded" not in card_html(card.to_dict(), "https://w3id.org/minegraph/")


def test_the_endpoint_serves_a_statement_page_with_its_stances(server):
    path = STATEMENT.removeprefix("https://w3id.org/minegraph")
    request = urllib.request.Request(server.url + path, headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=30) as response:
        html = response.read().decode("utf-8")
    assert sorted({s.split()[0] for s in _stances(html)}) == ["oppose", "support"]

"""A reported position end to end, on a copy of the project with a fiction source added: a page that is
not archived, read by the curators (summary, no quote), by an actor of a file of curation/actors/. It
builds, conforms to the shapes and checks, and who-said-what, the network's edges and the trace card
show its evidence level."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from minegraph import run_query, trace, validate
from minegraph.assemble.builder import build
from minegraph.core.namespaces import DCTERMS, MG, concept, iri
from minegraph.core.project import Project
from minegraph.errors import CurationError
from minegraph.provenance.render import render_text
from minegraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SLUG = "fiction-observatory-2025-05-02-withdrawals"
REGRETS = iri("statement", f"{SLUG}-01-ficta-regrets")


def _copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for part in ("ontology", "queries", "curation", "graph"):
        shutil.copytree(ROOT / part, root / part)
    return root


@pytest.fixture(scope="module")
def fiction(tmp_path_factory):
    """The project with the fiction source and its actors file, built once for the module."""
    root = _copy_project(tmp_path_factory.mktemp("reported"))
    shutil.copy(FIXTURES / "reported" / f"{SLUG}.toml", root / "curation" / "sources" / f"{SLUG}.toml")
    (root / "curation" / "actors").mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "reported-actors" / "fiction.toml", root / "curation" / "actors" / "zz-test-fiction.toml")
    project = Project(root)
    build(project)
    store = open_store(project)
    yield project, store
    store.close()


def test_a_reported_position_is_built_with_its_summary_and_evidence_level_and_no_quote_or_anchor(fiction):
    project, _ = fiction
    graph = Graph().parse(project.graph_dir / f"{SLUG}.ttl")
    assert (REGRETS, MG.evidenceLevel, concept("evidence", "reported-position")) in graph
    assert str(graph.value(REGRETS, MG.summary)).startswith("The observatory's director regrets")
    assert graph.value(REGRETS, MG.quote) is None and graph.value(REGRETS, MG.anchor) is None
    assert str(graph.value(REGRETS, MG.date)) == "2025-05-02"  # the page's date, as the statement gives none
    sources = Graph().parse(project.graph_dir / "sources.ttl")
    doc = iri("source", SLUG)
    assert "no rights stated" in str(sources.value(doc, DCTERMS.rights))
    assert sources.value(doc, MG.archivedText) is None


def test_the_built_project_with_a_reported_position_conforms(fiction):
    project, _ = fiction
    report = validate(project)
    assert report.conforms, [f.message for f in report.findings if f.severity == "Violation"]


def test_who_said_what_shows_the_evidence_level_and_the_summary_of_a_reported_position(fiction):
    project, store = fiction
    rows = run_query("who-said-what", {"source": f"source:{SLUG}"}, store=store, project=project).rows
    assert {(r["speakerLabel"], r["evidence"], r["stance"]) for r in rows} == {
        ("Marta Ficta", "reported position", "oppose"),
        ("Fictional Observatory", "reported position", "support"),
    }
    ficta = next(r for r in rows if r["speakerLabel"] == "Marta Ficta")
    assert ficta["role"] == "director, Fictional Observatory"
    assert (
        ficta["summary"].startswith("The observatory's director regrets")
        and ficta["decisions"] == "EST withdrawal, LVA withdrawal"
    )
    seed = run_query("who-said-what", store=store, project=project).rows
    assert {r["evidence"] for r in seed} == {"anchored quote"} and not any(r["summary"] for r in seed)


def test_the_stance_edges_count_statements_by_evidence_level(fiction):
    project, store = fiction
    rows = run_query("stance-edges", store=store, project=project).rows
    edge = next(r for r in rows if r["actorLabel"] == "Marta Ficta" and r["decision"].endswith("/EST-withdrawal"))
    assert (int(edge["anchored"]), int(edge["reported"]), int(edge["sign"])) == (0, 1, -1)


def test_the_trace_card_of_a_reported_position_gives_its_evidence_summary_and_rights(fiction):
    project, store = fiction
    card = trace(str(REGRETS), store=store, project=project)
    assert (card.evidence, card.quote, card.context) == ("reported position", None, {})
    assert card.rights.startswith("Fiction written") and card.role["organisation_label"] == "Fictional Observatory"
    text = render_text("statement", card)
    assert "Evidence      reported position" in text and "Summary (the curators' words, no quote)" in text
    assert "“" not in text.split("Speaker")[0]  # no quotation marks: nothing is quoted


def test_a_reported_position_with_a_quote_is_refused_at_its_line(tmp_path):
    root = _copy_project(tmp_path)
    text = (FIXTURES / "reported" / f"{SLUG}.toml").read_text(encoding="utf-8")
    bad = text.replace(
        'mode = "reported"\nspeaker = "person:marta-ficta"',
        'mode = "reported"\nquote = "We regret it"\nspeaker = "person:marta-ficta"',
    )
    (root / "curation" / "sources" / f"{SLUG}.toml").write_text(bad, encoding="utf-8")
    shutil.copytree(FIXTURES / "reported-actors", root / "curation" / "actors", dirs_exist_ok=True)
    with pytest.raises(CurationError, match="never has a quote") as caught:
        build(Project(root))
    assert caught.value.line == text.splitlines().index("[[statement]]") + 1

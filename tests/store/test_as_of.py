"""The graph as it stood on a date (minegraph.store.asof): answers before and after the joint statement
(2025-03-18), the seed article (2025-04-10), the first deposits (2025-06-27) and the first withdrawals
taking effect (2025-12-27), on a view of the same Oxigraph store. Figures measured on the real graph."""

from __future__ import annotations

import datetime

import pytest
from rdflib import Graph

from minegraph.cli import main
from minegraph.errors import ParameterError, StoreError
from minegraph.queries.run import run_query
from minegraph.store.asof import EPOCH, SPANS, as_of_view, spans_up_to


@pytest.fixture(scope="module")
def store(real_project):
    """A store of its own: the view writes the as-of index into it."""
    from minegraph.store.oxigraph import OxigraphStore

    return OxigraphStore.memory(real_project.all_rdf_files())


@pytest.fixture(scope="module")
def query(store, real_project):
    def run(name, as_of, **params):
        return run_query(name, params, store=store, project=real_project, as_of=as_of).rows

    return run


def _timeline(query, as_of) -> dict[str, tuple]:
    rows = query("withdrawals-timeline", as_of)
    return {kind: sorted(r["iso3"] for r in rows if r[kind]) for kind in ("announced", "deposited", "effective")}


def test_the_joint_statement_of_2025_03_18_is_unknown_the_day_before(query):
    assert _timeline(query, "2025-03-17") == {"announced": [], "deposited": [], "effective": []}
    assert _timeline(query, "2025-03-18")["announced"] == ["EST", "LTU", "LVA", "POL"]
    assert _timeline(query, "2025-04-09")["announced"] == ["EST", "FIN", "LTU", "LVA", "POL"]  # Finland, 2025-04-01


def test_the_first_deposits_are_known_from_2025_06_27(query):
    assert _timeline(query, "2025-06-26")["deposited"] == []
    assert _timeline(query, "2025-06-27")["deposited"] == ["EST", "LTU", "LVA"]


def test_the_first_withdrawals_take_effect_on_2025_12_27(query):
    assert _timeline(query, "2025-12-26")["effective"] == []
    assert _timeline(query, "2025-12-27")["effective"] == ["EST", "LTU", "LVA"]
    # In force on 2025-12-31 as then known: 164 in March (the Marshall Islands' and Tonga's entry into
    # force still ahead), 166 the day before the first withdrawals took effect, 163 once they had.
    counts = {
        d: len(query("in-force-on-date", d, date="2025-12-31")) for d in ("2025-03-17", "2025-12-26", "2025-12-27")
    }
    assert counts == {"2025-03-17": 164, "2025-12-26": 166, "2025-12-27": 163}


def test_statements_are_known_from_the_day_their_source_was_published(query):
    assert query("who-said-what", "2025-04-09") == []  # the seed article, published on 2025-04-10
    assert len(query("who-said-what", "2025-04-10")) == 31
    un = {"source": "source:un-sg-2025-06-16-sgsm22686"}  # a reported position's page is known from its date too
    assert query("who-said-what", "2025-06-15", **un) == [] and len(query("who-said-what", "2025-06-16", **un)) == 4
    assert query("stance-edges", "2025-03-17") == []  # no source carrying statements is older
    fcdo = {"source": "source:uk-lords-2025-hl8768-land-mines"}  # known only as no earlier than 2025-06-23
    assert query("who-said-what", "2025-06-22", **fcdo) == [] and len(query("who-said-what", "2025-06-23", **fcdo)) == 2
    assert len(query("stance-edges", "2025-04-09")) < len(query("stance-edges", "2025-04-10"))


def test_known_on_date_lists_acts_and_statements_up_to_the_date(store, real_project):
    def kinds(date):
        rows = run_query("known-on-date", {"date": date}, store=store, project=real_project).rows
        counted: dict[str, int] = {}
        for row in rows:
            counted[row["kind"]] = counted.get(row["kind"], 0) + 1
        return counted, rows

    # "said": one row per statement and stance of the whole debate whose page was published by then, counted
    # by rdflib; "voted": the parliaments' votes and the European Parliament's of 2 April 2025
    graph = Graph()
    for path in real_project.all_rdf_files():
        graph.parse(path, format="turtle")

    def said(date):
        return len(
            graph.query(
                "PREFIX mg: <https://w3id.org/minegraph/ontology#> PREFIX schema: <https://schema.org/> "
                "SELECT DISTINCT ?s ?stance WHERE { ?s a mg:Statement ; mg:appearsIn/schema:datePublished ?published . "
                "?a mg:assessedStatement ?s ; mg:stance ?stance ; mg:towards ?d . "
                f'FILTER (?published <= "{date}"^^<http://www.w3.org/2001/XMLSchema#date>) }}'
            )
        )

    assert kinds("2025-03-17")[0] == {}
    counted, rows = kinds("2025-03-18")
    assert counted == {
        "withdrawal announcement": 5,
        "said": said("2025-03-18"),
    }  # four defence ministers and Poland's prime minister
    assert {r["whoLabel"] for r in rows if r["kind"] == "withdrawal announcement"} == {
        "Andris Sprūds",
        "Donald Tusk",
        "Dovilė Šakalienė",
        "Hanno Pevkur",
        "Władysław Kosiniak-Kamysz",
    }
    # every act of every class carrying out a withdrawal or suspension (cabinet decisions, signatures, the bill too);
    # the leads add Latvia's proclamation of 24 April (a promulgation) and Finland's presidential decision (an
    # executive decision known by bounds, counted from its latest, 10 July)
    assert kinds("2025-06-27")[0] == {
        "withdrawal announcement": 9,
        "executive decision": 5,
        "parliamentary vote": 6,
        "said": said("2025-06-27"),
        "promulgation": 3,
        "deposit of withdrawal instrument": 3,
    }
    assert kinds("2025-12-27")[0] == {
        "withdrawal announcement": 10,
        "executive decision": 9,
        "parliamentary vote": 8,
        "said": said("2025-12-27"),
        "promulgation": 5,
        "deposit of withdrawal instrument": 5,
        "event": 1,
        "suspension notification": 1,
        "withdrawal taking effect": 3,
    }
    assert said("2025-06-27") < said("2025-12-27")
    strada = [r for r in kinds("2025-04-10")[1] if r["what"].endswith("10-strada-banning-obvious")]
    assert sorted(r["stance"] for r in strada) == ["oppose", "support"]


def test_a_view_is_the_same_store_seen_through_its_graphs_not_a_copy(store):
    before = store.triple_count()
    view = as_of_view(store, "2025-04-09")
    assert view.native.undated is store.native
    assert store.triple_count() == before  # the default graph is untouched
    assert view.triple_count() < as_of_view(store, "2025-04-10").triple_count() < before
    assert view.describe().endswith("as of 2025-04-09") and view.as_of == datetime.date(2025, 4, 9)


@pytest.mark.parametrize("date", ["1800-01-01", "1997-12-03", "2025-03-18", "2025-06-27", "2025-12-27", "2026-02-20"])
def test_the_spans_up_to_a_date_cover_every_day_from_the_epoch_once(date):
    covered = []
    for iri in spans_up_to(datetime.date.fromisoformat(date)):
        first, length = iri[len(SPANS) :].split("/days/")
        start = (datetime.date.fromisoformat(first) - EPOCH).days
        assert start % int(length) == 0  # aligned
        covered += range(start, start + int(length))
    assert covered == list(range((datetime.date.fromisoformat(date) - EPOCH).days + 1))


def test_a_bad_date_or_engine_is_a_clear_error(store, real_stores):
    with pytest.raises(ParameterError, match="expected an ISO date"):
        as_of_view(store, "2025-13-01")
    with pytest.raises(StoreError, match="needs the Oxigraph engine"):
        as_of_view(real_stores["rdflib"], "2025-05-01")


def test_the_cli_answers_as_of_a_date(real_project, capsys):
    code = main(
        [
            "--project",
            str(real_project.root),
            "query",
            "withdrawals-timeline",
            "--as-of",
            "2025-06-27",
            "--format",
            "csv",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    iso3 = lines[0].split(",").index("iso3")
    deposited = [line.split(",")[iso3] for line in lines[1:] if ",2025-06-27," in line]
    assert sorted(deposited) == ["EST", "LTU", "LVA"]
    assert main(["--project", str(real_project.root), "query", "stance-edges", "--as-of", "2025-04-31"]) == 2

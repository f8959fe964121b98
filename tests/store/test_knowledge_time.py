"""Knowledge time (minegraph.store.knowledge, docs/time.md): the graph as of a date never shows a
triple known later and shows every triple known by then, on every date in the data and the day
before each, on the real graph and on a synthetic one; and the days themselves never precede what
the documents allow (a fact before its act, a figure before its report, a note before what it reports)."""

from __future__ import annotations

import datetime

import pytest

from minegraph.bench.synth import synthesize
from minegraph.core.project import Project
from minegraph.store.asof import as_of_view, graphs_known_on
from minegraph.store.knowledge import triple_days
from minegraph.store.oxigraph import OxigraphStore

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
MG = "https://w3id.org/minegraph/ontology#"
ID = "https://w3id.org/minegraph/id/"


def _default_triples(native):
    import pyoxigraph

    return list(native.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))


def _dates_in(quads) -> list[datetime.date]:
    days = {
        datetime.date.fromisoformat(q.object.value)
        for q in quads
        if getattr(q.object, "datatype", None) is not None and q.object.datatype.value == XSD_DATE
    }
    return sorted(days | {day - datetime.timedelta(days=1) for day in days})


def _assert_views_follow_knowledge_time(store):
    """For every date D of the data and the day before: view(D) == {t : day(t) <= D or t undated}."""
    import bisect

    quads = _default_triples(store.native)
    _, day_of = triple_days(store.native)
    known = {(q.subject, q.predicate, q.object): day_of(q) for q in quads}
    native = as_of_view(store, "2025-01-01").native.undated  # writes the index once (unless a view already did)
    dates = _dates_in(quads)
    views = {date: graphs_known_on(native, date) for date in dates}
    contents, latest = {}, {}  # each named graph of the index: its triples of the data, and the last day one is known
    for graph in {graph for graphs in views.values() for graph in graphs}:
        contents[graph] = frozenset(
            t
            for q in native.quads_for_pattern(None, None, None, graph)
            if (t := (q.subject, q.predicate, q.object)) in known
        )
        latest[graph] = max((known[t] for t in contents[graph] if known[t] is not None), default=None)
    assert len(dates) > 100
    undated = sum(day is None for day in known.values())
    ordered = sorted(day for day in known.values() if day is not None)
    for date, graphs in views.items():
        seen = frozenset().union(*(contents[graph] for graph in graphs))
        future = [
            t
            for graph in graphs
            if latest[graph] is not None and latest[graph] > date  # only such a graph can
            for t in contents[graph]
            if known[t] is not None and known[t] > date
        ]  # hold a triple known after D
        assert not future, (date, future[:3])
        assert len(seen) == undated + bisect.bisect_right(ordered, date), date  # so every triple known by D is there
    return known


@pytest.fixture(scope="module")
def real_store(real_project):
    """The real graph in an in-memory store, shared by this module's tests: its as-of index is written by
    the first view and reused by the others (views only read)."""
    return OxigraphStore.memory(real_project.all_rdf_files())


def test_the_real_graph_as_of_every_date_shows_exactly_what_was_known(real_store):
    known = _assert_views_follow_knowledge_time(real_store)
    assert sum(day is not None for day in known.values()) > 5000


def test_a_synthetic_graph_as_of_every_date_shows_exactly_what_was_known(tmp_path):
    synthesize(_root(), tmp_path / "synth", triples=12_000, seed=3, progress=False, copies=2)
    _assert_views_follow_knowledge_time(OxigraphStore.memory(Project(tmp_path / "synth").all_rdf_files()))


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def days(real_store):
    quads = _default_triples(real_store.native)
    node_days, day_of = triple_days(real_store.native)
    return (
        real_store,
        quads,
        node_days,
        {(q.subject.value, q.predicate.value, q.object.value): day_of(q) for q in quads},
    )


def _subject_days(triples, subject):
    return {p: d for (s, p, _), d in triples.items() if s == subject}


def test_no_triple_of_an_act_is_known_before_the_act(days):
    store, quads, _, triples = days
    own = {}
    for q in quads:
        if q.predicate.value in (MG + "date", MG + "latestDate") and q.object.datatype.value == XSD_DATE:
            day = datetime.date.fromisoformat(q.object.value)
            own[q.subject.value] = max(day, own.get(q.subject.value, day))
    acts = {s for s in own if s.startswith(ID + "event/") or s.startswith(ID + "decision/")}
    assert len(acts) > 480
    early = [
        (s, p, d)
        for (s, p, _), d in triples.items()
        if s in acts and p in (MG + "date", MG + "latestDate") and (d is None or d < own[s])
    ]
    assert not early, early[:5]


def test_a_figure_is_not_known_before_its_report_was_released(days):
    _, quads, _, triples = days
    figures = {
        q.subject.value: q.object.value
        for q in quads
        if q.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom"
        and q.object.value.endswith(("landmine-monitor-2024", "landmine-monitor-2025"))
    }
    released = {
        ID + "source/landmine-monitor-2024": datetime.date(2024, 11, 20),
        ID + "source/landmine-monitor-2025": datetime.date(2025, 12, 1),
    }
    assert len(figures) >= 35
    early = [(s, p) for (s, p, _), d in triples.items() if s in figures and (d is None or d < released[figures[s]])]
    assert not early, early[:5]


def test_alternative_reports_notes_and_field_citations_are_not_known_before_their_node(days):
    _, quads, node_days, triples = days
    qualifiers = [
        (q.subject, q.object)
        for q in quads
        if q.predicate.value in (MG + "alternativeReport", MG + "note", MG + "fieldCitation")
    ]
    assert len(qualifiers) > 30
    for owner, node in qualifiers:
        assert node_days.get(node) is not None and node_days[node] >= node_days.get(owner, datetime.date.min), node


def test_a_decision_shows_its_final_date_and_dispute_only_once_they_were_known(days):
    _, _, _, triples = days
    estonia = ID + "decision/EST-withdrawal"
    assert triples[(estonia, MG + "date", "2025-06-13")] == datetime.date(2025, 6, 13)
    ukraine = _subject_days(triples, ID + "decision/UKR-suspension")
    assert ukraine[MG + "legalEffect"] > datetime.date(2025, 7, 1)


def test_the_landmine_monitor_2025_figures_are_unknown_the_day_before_the_joint_statement(real_project, real_store):
    from minegraph.queries.run import run_query

    def rows(day):
        return run_query(
            "claims-by-source",
            {"report": "source:landmine-monitor-2025"},
            store=real_store,
            project=real_project,
            as_of=day,
        ).rows

    everything = run_query(
        "claims-by-source", {"report": "source:landmine-monitor-2025"}, store=real_store, project=real_project
    ).rows
    # On release day a figure shows once a page citing it is out too: two are cited only by a report of the
    # launch published the next day (devdiscourse, 2025-12-02), so they join the answer then.
    assert rows("2025-03-17") == [] and len(rows("2025-12-01")) >= 18
    assert len(rows("2025-12-02")) == len(everything) >= 20


def test_known_on_date_lists_every_step_of_every_withdrawal_with_its_decision(real_project, real_graph):
    from rdflib import URIRef

    from minegraph.queries.run import run_query

    rows = run_query("known-on-date", {"date": "2026-12-31"}, project=real_project).rows
    listed = {str(r["what"]): r["decisions"] for r in rows if r["kind"] != "said"}
    decisions = [URIRef(ID + f"decision/{c}-withdrawal") for c in ("EST", "FIN", "LVA", "LTU", "POL")] + [
        URIRef(ID + "decision/UKR-suspension")
    ]
    steps = {str(a) for d in decisions for a in real_graph.subjects(URIRef(MG + "carriesOut"), d)}
    steps |= {str(e) for a in list(steps) for e in real_graph.subjects(URIRef(MG + "consequenceOf"), URIRef(a))}
    assert len(steps) >= 36 and steps <= set(listed), steps - set(listed)
    assert all(listed[step] for step in steps)


def test_knowledge_time_is_queryable_beside_valid_time_in_a_view(real_project, real_store):
    from minegraph.queries.run import run_sparql

    text = (
        "PREFIX mg: <https://w3id.org/minegraph/ontology#> PREFIX claim: <https://w3id.org/minegraph/id/claim/> "
        "SELECT ?known WHERE { claim:euronews-2025-04-10-41-lm2024-myanmar-forces mg:knownFrom ?known ; mg:earliestDate ?valid }"
    )
    rows = lambda day: run_sparql(text, store=as_of_view(real_store, day), project=real_project).rows  # noqa: E731
    assert rows("2025-04-09") == [] and [str(r["known"]) for r in rows("2025-04-10")] == ["2025-04-10"]

"""Expected answers of the generic library queries on the real graph: exact counts computed
independently from the triples (rdflib's Python API, not SPARQL), plus facts of the reference data."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from rdflib import RDF
from rdflib.namespace import DCTERMS

from minegraph.core.namespaces import MG
from minegraph.queries.run import run_query

STATE = "https://w3id.org/minegraph/id/state/"
SEED = "https://w3id.org/minegraph/id/source/euronews-2025-04-10-anti-personnel-mines"
STANCE = "https://w3id.org/minegraph/id/concept/stance/"


@pytest.fixture(scope="module")
def graph(real_stores):
    return real_stores["rdflib"].graph()


@pytest.fixture(scope="module")
def query(real_project, real_stores):
    def run(name, **params):
        return run_query(name, params, store=real_stores["oxigraph"], project=real_project)

    return run


def test_dataset_summary_counts_instances_and_their_triples_per_class(query, graph):
    expected = {}
    for cls in set(graph.objects(None, RDF.type)):
        nodes = set(graph.subjects(RDF.type, cls))
        expected[str(cls)] = (len(nodes), sum(len(list(graph.predicate_objects(n))) for n in nodes))
    rows = query("dataset-summary").rows
    assert {r["class"]: (r["instances"], r["triples"]) for r in rows} == expected
    assert expected[str(MG.State)][0] == 197  # the reference universe: 193 UN members + 4
    assert [r["triples"] for r in rows] == sorted((r["triples"] for r in rows), reverse=True)


def test_actors_by_type_lists_the_197_states_each_in_itself(query):
    rows = query("actors-by-type", **{"class": "mg:State"}).rows
    assert len(rows) == 197
    assert all(r["country"] == r["actor"] and r["typeLabel"] == "State" for r in rows)
    assert {r["actor"] for r in rows} >= {STATE + "LVA", STATE + "UKR", STATE + "USA"}


def test_actors_by_type_finds_a_persons_state_through_posts_and_memberships(query):
    rows = query("actors-by-type", **{"class": "mg:Person"}).rows
    country = defaultdict(set)
    for row in rows:
        country[row["actorLabel"]].add(row["countryLabel"])
    assert country["Andris Sprūds"] == {"Latvia"}  # membership in Latvia's ministry of defence
    assert country["Cecilia Strada"] == {"Italy"}  # nationality
    assert country["Gilles Carbonnier"] == {None}  # ICRC: no state


def test_actors_by_type_default_covers_every_actor_class(query, graph):
    rows = query("actors-by-type").rows
    actors = {r["actor"] for r in rows}
    persons = {str(s) for s in graph.subjects(RDF.type, MG.Person)}
    assert persons <= actors and {STATE + "LVA"} <= actors
    assert Counter(r["typeLabel"] for r in rows)["State"] == 197


def test_statements_per_source_counts_each_documents_assertions(query, graph):
    expected = {}
    for source in set(graph.objects(None, MG.appearsIn)):
        assertions = set(graph.subjects(MG.appearsIn, source))
        statements = {a for a in assertions if (a, RDF.type, MG.Statement) in graph}
        assessments = {x for a in statements for x in graph.subjects(MG.assessedStatement, a)}
        # a statement counts once under each stance one of its assessments has
        stances = Counter(
            stance
            for stance, _ in {
                (str(graph.value(x, MG.stance)), graph.value(x, MG.assessedStatement)) for x in assessments
            }
        )
        expected[str(source)] = (
            len(statements),
            len({a for a in assertions if (a, RDF.type, MG.Claim) in graph}),
            len({graph.value(a, MG.speaker) for a in assertions}),
            stances[STANCE + "support"],
            stances[STANCE + "oppose"],
            stances[STANCE + "neutral"],
            stances[STANCE + "mixed"],
            len(assessments),
        )
    rows = query("statements-per-source").rows
    names = ("statements", "claims", "speakers", "supporting", "opposing", "neutrals", "mixeds", "assessments")
    assert {r["source"]: tuple(r[n] for n in names) for r in rows} == expected
    assert rows[0]["source"] == SEED  # the seed article carries the statements
    assert expected[SEED][0] == 26 and expected[SEED][-1] == 131


def test_most_cited_sources_counts_citing_nodes_and_honours_the_minimum(query, graph):
    citing = Counter(str(source) for _, source in set(graph.subject_objects(DCTERMS.source)))
    rows = query("most-cited-sources").rows
    assert {r["source"]: r["citingNodes"] for r in rows} == dict(citing)
    at_least_ten = query("most-cited-sources", minimum=10).rows
    assert {r["source"] for r in at_least_ten} == {s for s, n in citing.items() if n >= 10}
    assert [r["citingNodes"] for r in rows] == sorted(citing.values(), reverse=True)

"""The treaty checks of minegraph validate report what each hand-made fixture breaks, in words."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, URIRef

from minegraph.core.namespaces import MG, iri
from minegraph.core.project import Project
from minegraph.core.rdf_io import load_graph
from tests.support.paths import TREATY_FIXTURES

TREATY_CHECKS = (
    "treaty-article-17",
    "treaty-article-20",
    "treaty-act-sequence",
    "treaty-dates-in-order",
    "treaty-reference-counts",
)


def messages(problems) -> list[str]:
    return sorted(p.message for p in problems)


@pytest.mark.parametrize("name", TREATY_CHECKS[:4])
def test_the_consistent_fixture_passes_every_treaty_check(run_check, name):
    assert run_check(name, "valid.ttl") == []


@pytest.mark.parametrize("name", TREATY_CHECKS)
def test_the_real_graph_passes_every_treaty_check(run_check, real_graph, name):
    assert run_check(name, graph=real_graph) == []


def test_entry_into_force_dates_that_article_17_does_not_give_are_reported(run_check):
    problems = run_check("treaty-article-17", "article17-wrong-dates.ttl")
    assert messages(problems) == [
        "Castria: the Convention is recorded (stated) as entering into force on 2004-02-01, but Article 17(2) "
        "gives 2004-03-01 for the deposit of 2003-09-03",
        "The Convention is recorded as entering into force on 1999-04-01, but Article 17(1) gives 1999-03-01: "
        "the first day of the 6th month after the month of the 2nd deposit (1998-09-16)",
    ]
    assert {p.focus for p in problems} == {iri("event", "CCC-entry-into-force"), iri("event", "entry")}
    assert {p.path for p in problems} == {MG.date}


def test_a_withdrawal_taking_effect_on_another_day_than_article_20_gives_is_reported(run_check):
    [problem] = run_check("treaty-article-20", "article20-wrong-effect.ttl")
    assert problem.message == (
        "Castria: the withdrawal is recorded as taking effect on 2025-12-28, but Article 20 "
        "gives 2025-12-27, 6 months after the deposit of 2025-06-27"
    )
    assert problem.focus == iri("event", "CCC-withdrawal-effective") and problem.severity == "Violation"


def test_missing_timing_rules_are_reported_not_assumed(run_check):
    graph = load_graph([TREATY_FIXTURES / "valid.ttl"])
    for rule in (iri("rule", "apmbc-article-17"), iri("rule", "apmbc-article-20")):
        graph.remove((rule, None, None))
    for name in ("treaty-article-17", "treaty-article-20"):
        [problem] = run_check(name, graph=graph)
        assert problem.message.startswith("The timing rule cannot be read from the graph: timing rule")


def test_a_missing_instrument_threshold_is_reported_not_raised(run_check):
    graph = load_graph([TREATY_FIXTURES / "valid.ttl"])
    graph.remove((iri("rule", "apmbc-article-17"), MG.instrumentThreshold, None))
    [problem] = run_check("treaty-article-17", graph=graph)
    assert "has no instrument threshold" in problem.message and problem.path == MG.instrumentThreshold


def test_impossible_combinations_of_acts_are_reported(run_check):
    problems = run_check("treaty-act-sequence", "impossible-sequences.ttl")
    assert messages(problems) == [
        "Eastmark is recorded as ratifying (or accepting or approving) without a signature: only signatories "
        "ratify (Article 16); others accede",
        "Fernland is recorded as acceding although it signed: a signatory ratifies, accepts or approves (Article 16)",
        "Galdor deposited an instrument of withdrawal, but the date it takes effect is not recorded",
        "Galdor deposits an instrument of withdrawal: Galdor never consented to be bound, so it cannot have this act "
        "(an act of a non-party)",
        "Hollin's withdrawal is recorded as taking effect, but no deposit of an instrument of withdrawal is recorded",
        "Istria has 2 acts of consent to be bound; a state consents once",
    ]
    warnings = [p for p in problems if p.severity == "Warning"]
    assert [p.focus for p in warnings] == [iri("event", "GGG-withdrawal-deposit")]


def test_acts_in_an_impossible_order_are_reported_and_imprecise_dates_only_when_certain(run_check):
    problems = run_check("treaty-dates-in-order", "dates-out-of-order.ttl")
    assert messages(problems) == [
        "Kestria signed on 2001-01-01, after its consent to be bound was deposited on 2000-01-01",
        "Morvia consented on 2003-01-01, after depositing its instrument of withdrawal on 2002-06-01",
        "Morvia deposited its instrument of withdrawal on 2002-06-01, after the withdrawal is recorded as taking "
        "effect on 2002-05-01",
        "Nordia announces its withdrawal is dated 2025-07-01, after “Nordia deposits its instrument” (2025-06-27): "
        "an announcement comes first",
        "Signature by Lorien is dated 1997-11-01, before the Convention was opened for signature on 1997-12-03",
    ]
    assert not any("Ostria" in p.message for p in problems)  # announced between 1 June and 31 July: may precede


def test_counts_that_disagree_with_the_reference_are_reported(run_check):
    problems = run_check("treaty-reference-counts", "valid.ttl")
    assert len(problems) == 3
    texts = messages(problems)
    assert texts[0].startswith(
        "The reference has 133 signatories (ottawa_parties.csv rows with a signature date), the graph 1 (missing "
    )
    assert texts[1].startswith(
        "The reference has 167 states ever consented to be bound (ottawa_parties.csv rows), the graph 4 (missing "
    )
    assert texts[1].endswith("; not in the reference AAA, BBB, CCC, DDD)")
    assert texts[2].startswith("The reference has 197 states of the reference universe, the graph 4")


def test_counts_without_reference_data_are_a_warning(run_check, tmp_path):
    [problem] = run_check("treaty-reference-counts", "valid.ttl", project_=Project(tmp_path))
    assert problem.severity == "Warning"
    assert problem.message.startswith("The reference data cannot be read, so the counts are not checked")


def test_the_checks_are_registered_for_minegraph_validate():
    from minegraph.validation.checks import profile

    assert set(TREATY_CHECKS) <= set(profile())


def by_state(graph, cls) -> set:
    """The actors of the acts of ``cls`` or of a subclass of it."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {actor for c in classes for act in graph.subjects(RDF.type, c) for actor in graph.objects(act, MG.actor)}


def test_the_real_graph_has_167_states_that_ever_consented_and_133_signatories(real_graph):
    assert len(by_state(real_graph, MG.ConsentToBeBound)) == 167
    assert len(by_state(real_graph, MG.Signature)) == 133
    assert len(set(real_graph.subjects(MG.inReferenceUniverse, None))) == 197
    assert isinstance(next(iter(by_state(real_graph, MG.Signature))), URIRef)

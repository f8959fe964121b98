"""The graph is consistent with the published axioms of the vocabularies it aligns to.

An OWL 2 RL closure (owlrl) over ontology/ + ontology/imports/aligned-axioms.ttl + graph/ must
put no individual in two disjoint classes, make no claim an event and no event a prov:Entity,
and put nothing in owl:Nothing. The closure is computed once (conftest.owl_rl_closure).
"""

from __future__ import annotations

from rdflib import OWL, RDF, Graph

from minegraph.core.namespaces import MG, PROV, SEM

DISJOINT = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?x ?c1 ?c2 WHERE { ?c1 owl:disjointWith ?c2 . ?x a ?c1, ?c2 } ORDER BY ?x
"""


def _members(graph: Graph, cls) -> set:
    return set(graph.subjects(RDF.type, cls))


def test_the_axioms_are_in_the_closure(owl_rl_closure):
    # Guards the test itself: without the imported axioms every check below would pass vacuously.
    assert (PROV.Activity, OWL.disjointWith, PROV.Entity) in owl_rl_closure
    assert _members(owl_rl_closure, PROV.Activity) >= _members(owl_rl_closure, MG.Event)
    assert len(_members(owl_rl_closure, MG.Event)) > 400


def test_no_individual_is_in_two_disjoint_classes(owl_rl_closure):
    clashes = [(str(x), str(a), str(b)) for x, a, b in owl_rl_closure.query(DISJOINT)]
    assert not clashes, f"{len(clashes)} individuals in disjoint classes, e.g. {clashes[:5]}"


def test_no_claim_or_statement_is_an_event(owl_rl_closure):
    assertions = _members(owl_rl_closure, MG.Assertion)
    assert assertions, "no mg:Assertion in the closure"
    events = (
        _members(owl_rl_closure, SEM.Event)
        | _members(owl_rl_closure, PROV.Activity)
        | _members(owl_rl_closure, MG.Event)
    )
    wrong = sorted(str(a) for a in assertions & events)
    assert not wrong, f"{len(wrong)} assertions typed as events: {wrong[:5]}"


def test_no_event_is_a_prov_entity(owl_rl_closure):
    wrong = sorted(str(e) for e in _members(owl_rl_closure, MG.Event) & _members(owl_rl_closure, PROV.Entity))
    assert not wrong, f"{len(wrong)} events typed as prov:Entity: {wrong[:5]}"


def test_nothing_is_a_member_of_owl_nothing(owl_rl_closure):
    assert not _members(owl_rl_closure, OWL.Nothing)

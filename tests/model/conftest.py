"""The OWL 2 RL closure of ontology/ + ontology/imports/ + graph/, computed once per session."""

from __future__ import annotations

import pytest
from rdflib import Graph

AXIOMS = "imports/aligned-axioms.ttl"


def closure_input(project) -> Graph:
    """The ontology, the concept schemes, the aligned vocabularies' axioms and the built graph, in rdflib's
    store without named graphs: owlrl's closure is the same (isomorphic) and a quarter faster there."""
    graph = Graph(store="SimpleMemory")
    for path in project.all_rdf_files() + [project.ontology_dir / AXIOMS]:
        graph.parse(path)
    return graph


@pytest.fixture(scope="session")
def owl_rl_closure(project) -> Graph:
    """The graph expanded by owlrl's OWL 2 RL rules (no axiomatic or datatype triples, to keep it fast)."""
    import owlrl

    graph = closure_input(project)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return graph

"""The network graphs of the real graph, their exact sizes (checked by hand against graph/*.ttl, see the
comments), the stance coalitions, centrality, brokers and who is quoted where."""

from __future__ import annotations

import random
from collections import Counter

import networkx as nx

from minegraph.analysis.graphs import stance_graph
from minegraph.analysis.measures import (
    _split,
    agreement_graph,
    coalitions,
    frustration,
    positive_graph,
    spanning_forest,
)
from minegraph.core.namespaces import iri

CARBONNIER, STRADA = str(iri("person", "gilles-carbonnier")), str(iri("person", "cecilia-strada"))
EL_ANOUNI = str(iri("person", "anouar-el-anouni"))
TABLERS = str(iri("organisation", "ep-amendment-tablers-2025-04"))
EU, COMMISSION = str(iri("organisation", "european-union")), str(iri("organisation", "european-commission"))
DEFENCE_MINISTERS = str(iri("organisation", "EST-LVA-LTU-POL-defence-ministers"))
FINLAND_MINISTER = str(iri("post", "FIN-minister-of-defence"))
LATVIA_GOVERNMENT, EPP = str(iri("organisation", "LVA-government")), str(iri("organisation", "epp"))
ESTONIA_MOD = str(iri("organisation", "EST-ministry-of-defence"))
ICBL, EURONEWS_ORG = str(iri("organisation", "icbl-cmc")), str(iri("organisation", "euronews"))
EURONEWS = str(iri("source", "euronews-2025-04-10-anti-personnel-mines"))
WITHDRAWALS = [str(iri("decision", f"{code}-withdrawal")) for code in ("EST", "FIN", "LTU", "LVA", "POL")]
EST, FIN, LTU, LVA, POL = WITHDRAWALS
ADOPTION = str(iri("decision", "apmbc-adoption"))
JOINT_RECOMMENDATION = str(iri("decision", "EST-LVA-LTU-POL-joint-recommendation"))


def _expected_stance_graph(rdf):
    """(speakers, top-level decisions, speaker–decision pairs) of the stance assessments, computed in Python
    over rdflib: a statement's decision, or a step of it (mg:partOf, any depth), rolls up to the decision that
    is part of no larger one."""
    prefix = "PREFIX mg: <https://w3id.org/minegraph/ontology#> "
    pairs = rdf.query(
        prefix + "SELECT DISTINCT ?actor ?about WHERE { ?a mg:assessedStatement ?s ; mg:towards ?about . "
        "?s a mg:Statement ; mg:speaker ?actor }"
    )
    decisions = {str(row[0]) for row in rdf.query(prefix + "SELECT ?d WHERE { ?d a mg:Decision }")}
    parents: dict[str, set[str]] = {}
    for part, whole in rdf.query(prefix + "SELECT ?p ?w WHERE { ?p mg:partOf ?w }"):
        parents.setdefault(str(part), set()).add(str(whole))

    def tops(node, seen=frozenset()):
        larger = {w for w in parents.get(node, ()) if w not in seen}
        above = set().union(*(tops(w, seen | {node}) for w in larger)) if larger else set()
        own = {node} if node in decisions and not any(w in decisions for w in parents.get(node, ())) else set()
        return own | above

    edges = {(str(actor), top) for actor, about in pairs for top in tops(str(about))}
    return {a for a, _ in edges}, {d for _, d in edges}, edges


def test_stance_graph_sizes(analysis, rdf):
    stance = analysis.graphs["stance"]
    # The whole 2025 debate (anchored quotes and reported positions): every speaker of an assessed statement
    # and every decision that is part of no larger one, one edge per speaker and decision. The joint
    # recommendation is mg:partOf four withdrawals and rolls up into them, so it is not a node; the
    # Commission is no speaker ("stopped short of condemning" is Euronews's characterisation, a claim).
    speakers, decisions, edges = _expected_stance_graph(rdf)
    assert Counter(kind for _, kind in stance.nodes(data="kind")) == {
        "actor": len(speakers),
        "decision": len(decisions),
    }
    assert {n for n, kind in stance.nodes(data="kind") if kind == "decision"} == decisions
    assert {tuple(sorted((a, d))) for a, d in stance.edges} == {tuple(sorted(e)) for e in edges}
    assert JOINT_RECOMMENDATION not in stance and COMMISSION not in stance
    assert set(WITHDRAWALS) | {ADOPTION} <= decisions
    assert nx.is_bipartite(stance)
    assert set(s for *_, s in stance.edges(data="sign")) == {-1, 0, 1}


def test_stance_edges_are_signed_and_rolled_up(analysis):
    stance = analysis.graphs["stance"]
    carbonnier = stance.edges[CARBONNIER, LVA]
    assert (carbonnier["sign"], carbonnier["stance"], carbonnier["weight"], carbonnier["oppose"]) == (
        -1,
        "oppose",
        8,
        8,
    )
    latvia = stance.edges[LATVIA_GOVERNMENT, LVA]  # two supporting statements and one neutral one
    assert (latvia["sign"], latvia["stance"], latvia["support"], latvia["neutral"]) == (1, "support", 2, 1)
    ministers = stance.edges[DEFENCE_MINISTERS, EST]  # both statements are about the joint recommendation
    assert (ministers["sign"], ministers["weight"], ministers["start"]) == (1, 2, "2025-03-18")
    assert not stance.has_edge(DEFENCE_MINISTERS, FIN)
    assert stance.edges[EL_ANOUNI, FIN]["stance"] == "neutral"
    assert stance.edges[STRADA, ADOPTION]["stance"] == "support"
    # "supports the ban, therefore opposes the withdrawals": Strada's and the EU's statements oppose them
    assert {stance.edges[speaker, w]["stance"] for speaker in (STRADA, EU) for w in WITHDRAWALS} == {"oppose"}
    assert (stance.edges[EU, ADOPTION]["stance"], stance.edges[EU, LVA]["weight"]) == ("support", 1)
    assert stance.nodes[FINLAND_MINISTER]["actor_type"] == "post"
    assert stance.nodes[DEFENCE_MINISTERS]["actor_type"] == "coalition"
    assert stance.nodes[LVA]["decision_type"] == "withdrawal"


def test_agreement_projection_sizes(analysis, rdf):
    agreement = analysis.graphs["agreement"]
    # every speaker of the debate is a node (recomputed by rdflib); an edge joins two speakers who took a
    # stance on a shared decision, each edge's relation following its counts
    speakers, _, _ = _expected_stance_graph(rdf)
    assert set(agreement.nodes) == speakers
    for _, _, data in agreement.edges(data=True):
        assert data["weight"] == data["agree"] + data["disagree"] + data["neutral"] > 0
        assert data["sign"] == (data["agree"] > data["disagree"]) - (data["disagree"] > data["agree"])
    # the seed's pairs keep their figures: the ban's defenders agree on the five withdrawals and the adoption
    assert agreement.edges[CARBONNIER, STRADA]["agree"] == 6
    assert agreement.edges[EU, STRADA]["agree"] == 6
    # the four withdrawals the EPP's motion is about, and the CSDP resolution (Strada against, the EPP for)
    assert agreement.edges[STRADA, EPP]["disagree"] == 5
    assert agreement.edges[ESTONIA_MOD, EL_ANOUNI]["neutral"] == 1


def test_reported_graph_sizes(analysis, rdf):
    reported = analysis.graphs["reported"]
    # Every page carrying assertions (statements or claims) and everyone it reports, one edge per page and
    # speaker, recomputed by rdflib. The seed article still reports its 12 speakers (Euronews itself among them).
    pairs = {
        (str(page), str(speaker))
        for page, speaker in rdf.query(
            "PREFIX mg: <https://w3id.org/minegraph/ontology#> "
            "SELECT DISTINCT ?page ?speaker WHERE { ?x mg:appearsIn ?page ; mg:speaker ?speaker }"
        )
    }
    assert Counter(kind for _, kind in reported.nodes(data="kind")) == {
        "source": len({p for p, _ in pairs}),
        "actor": len({a for _, a in pairs}),
    }
    assert set(reported.edges) == pairs
    assert reported.out_degree(EURONEWS) == 12
    assert reported.edges[EURONEWS, EURONEWS_ORG]["claims"] == 8
    assert reported.edges[EURONEWS, CARBONNIER]["weight"] == 8
    assert reported.edges[EURONEWS, EL_ANOUNI]["statements"] == 1 and reported.edges[EURONEWS, EL_ANOUNI]["claims"] == 2


def test_membership_graph_sizes_and_dates(analysis):
    membership = analysis.graphs["membership"]
    treaty = str(iri("treaty", "apmbc"))
    # 166 states with a dated act (133 ratifications, 31 dated accessions, 2 successions: Lebanon's
    # accession has no date and leaves no edge), all toward the one treaty: 167 nodes, 166 edges.
    assert membership.number_of_nodes() == 167
    assert membership.number_of_edges() == 166
    assert set(membership.predecessors(treaty)) == set(membership) - {treaty}
    assert str(iri("state", "LBN")) not in membership
    # Status after the last act: the five withdrawals; everyone else in force, Ukraine too (its contested
    # suspension notification changes no status; its date is the edge's suspension_notified).
    assert Counter(s for *_, s in membership.edges(data="status")) == {"in force": 161, "withdrawn": 5}
    assert membership.edges[str(iri("state", "UKR")), treaty]["suspension_notified"] == "2025-07-18"
    latvia = membership.edges[str(iri("state", "LVA")), treaty]
    assert (latvia["consented"], latvia["instrument"], latvia["in_force"]) == ("2005-07-01", "accession", "2006-01-01")
    assert (latvia["withdrawal_deposited"], latvia["withdrawn"], latvia["start"], latvia["end"]) == (
        "2025-06-27",
        "2025-12-27",
        "2005-07-01",
        "2025-12-26",
    )
    assert latvia["status_history"] == [
        ("consented", "2005-07-01", "2005-12-31"),
        ("in force", "2006-01-01", "2025-12-26"),
    ]
    assert "end" not in membership.edges[str(iri("state", "FRA")), treaty]
    # Montenegro is bound from independence (2006-06-03), before it notified its succession: no step back.
    montenegro = membership.edges[str(iri("state", "MNE")), treaty]
    assert (montenegro["consented"], montenegro["status_history"]) == ("2006-10-23", [("in force", "2006-06-03", None)])


def test_coalitions_oppose_and_support_the_withdrawals(analysis):
    by_member = {member: c for c in analysis.coalitions for member in c.members}
    opposing = by_member[CARBONNIER]
    supporting = by_member[DEFENCE_MINISTERS]
    assert opposing is not supporting
    assert {CARBONNIER, STRADA, TABLERS} <= set(opposing.members)
    # the seed's sides stay together in the whole debate, which adds speakers to both
    assert {DEFENCE_MINISTERS, FINLAND_MINISTER, LATVIA_GOVERNMENT, EPP} <= set(supporting.members)
    assert {EU} <= set(opposing.members)  # the EU: with Strada, for the ban
    assert set(WITHDRAWALS) <= set(opposing.opposes) and opposing.supports == [ADOPTION]
    # the withdrawing side supports the withdrawals and opposes nothing (some of its speakers also back the ban)
    assert set(WITHDRAWALS) <= set(supporting.supports) and supporting.opposes == []
    assert {ESTONIA_MOD, EL_ANOUNI} <= set(analysis.unaligned)
    # every speaker is in one coalition or unaligned
    actors = {n for n, kind in analysis.graphs["stance"].nodes(data="kind") if kind == "actor"}
    placed = [m for c in analysis.coalitions for m in c.members] + analysis.unaligned
    assert len(placed) == len(set(placed)) and set(placed) == actors
    assert analysis.frustration > 0  # the debate is not structurally balanced (the seed's was: 0)
    assert len(analysis.coalitions) == 2
    assert analysis.graphs["stance"].nodes[EPP]["coalition"] == supporting.name
    assert analysis.graphs["stance"].nodes[EL_ANOUNI]["coalition"] == ""


def test_coalitions_do_not_depend_on_insertion_order(analysis):
    stance = analysis.graphs["stance"]
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(stance.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(stance.edges(data=True))))
    found, unaligned, violated = coalitions(shuffled)
    assert [c.members for c in found] == [c.members for c in analysis.coalitions]
    assert (unaligned, violated) == (analysis.unaligned, analysis.frustration)


def _toy(edges):
    graph = nx.Graph()
    for actor, decision, sign in edges:
        graph.add_node(actor, kind="actor", label=actor)
        graph.add_node(decision, kind="decision", label=decision, decision_type="test")
        graph.add_edge(actor, decision, sign=sign, stance={1: "support", -1: "oppose", 0: "neutral"}[sign], weight=1)
    return graph


def test_an_unbalanced_triangle_is_split_with_one_violated_tie():
    # a and b agree on x, b and c agree on y, a and c disagree on z: no split satisfies all three ties.
    toy = _toy([("a", "x", 1), ("b", "x", 1), ("b", "y", -1), ("c", "y", -1), ("a", "z", 1), ("c", "z", -1)])
    found, unaligned, violated = coalitions(toy)
    assert violated == 1
    assert sorted(len(c.members) for c in found) == [1, 2]
    signed = nx.Graph([("a", "b", {"balance": 1}), ("b", "c", {"balance": 1}), ("a", "c", {"balance": -1})])
    assert frustration(signed, {"a": 0, "b": 0, "c": 0}) == 1
    assert frustration(signed, {"a": 0, "b": 1, "c": 1}) == 1


def test_a_toy_debate_gives_two_sides_and_the_neutral_apart():
    toy = _toy([("a", "x", 1), ("b", "x", 1), ("c", "x", -1), ("d", "x", -1), ("e", "x", 0)])
    found, unaligned, violated = coalitions(toy, agreement_graph(toy))
    assert sorted(c.members for c in found) == [["a", "b"], ["c", "d"]]
    assert (unaligned, violated) == (["e"], 0)


def test_centrality_values(analysis, rdf):
    rows = {r["node"]: r for r in analysis.centrality}
    # a decision's degree is the number of speakers who spoke about it (or a step of it)
    _, _, edges = _expected_stance_graph(rdf)
    for decision in WITHDRAWALS + [ADOPTION]:
        assert rows[decision]["degree"] == sum(1 for _, d in edges if d == decision), decision
    assert rows[CARBONNIER]["strength"] == 43  # 8 statements × 5 withdrawals + 3 for the ban
    assert abs(sum(r["pagerank"] for r in analysis.centrality) - 1) < 1e-4
    # highest PageRank first; over the whole debate a withdrawal, not a speaker, leads (the seed's was Carbonnier)
    ranks = [r["pagerank"] for r in analysis.centrality]
    assert ranks == sorted(ranks, reverse=True) and analysis.centrality[0]["node"] in WITHDRAWALS
    # over the whole debate the EP's CSDP resolution has the highest betweenness (in the seed, Latvia's and
    # Estonia's withdrawals had)
    csdp = str(iri("decision", "european-parliament-csdp-resolution-2025"))
    assert max(analysis.centrality, key=lambda r: r["betweenness"])["node"] == csdp
    # Strada, who also voted on that resolution, bridges it to the withdrawals; the EU and Carbonnier do not
    assert rows[STRADA]["betweenness"] > max(rows[EU]["betweenness"], rows[CARBONNIER]["betweenness"])


def test_brokers_and_quotes(analysis, rdf):
    # the sides meet over a withdrawal (Poland's, in the whole debate; Latvia's in the seed)
    assert analysis.brokers[0]["node"] in WITHDRAWALS
    # each speaker's assertions and the pages carrying them, counted by rdflib; ICBL-CMC is the most quoted
    expected = {
        str(sp): (int(n), int(pages))
        for sp, n, pages in rdf.query(
            "PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT ?sp (COUNT(DISTINCT ?x) AS ?n) (COUNT(DISTINCT ?page) AS ?pages) "
            "WHERE { ?x mg:speaker ?sp ; mg:appearsIn ?page } GROUP BY ?sp"
        )
    }
    assert {r["node"]: (r["assertions"], r["sources"]) for r in analysis.most_quoted} == expected
    assert analysis.most_quoted[0]["node"] == ICBL
    assert (analysis.widest_sources[0]["node"], analysis.widest_sources[0]["speakers"]) == (EURONEWS, 12)


def test_stance_graph_alone_matches_the_analysis(store, snapshot, analysis):
    alone = stance_graph(store, snapshot)
    assert set(alone.edges) == set(analysis.graphs["stance"].edges)


def test_betweenness_is_sampled_above_the_limit_deterministically_and_says_so(store, snapshot, analysis, monkeypatch):
    from minegraph.analysis import graphs, measures
    from minegraph.analysis.graphml import graphml_bytes
    from minegraph.analysis.tables import render_tables

    nodes = analysis.graphs["stance"].number_of_nodes()
    assert analysis.approximations == {} and "approximations" in analysis.to_dict()  # under the limit: exact
    monkeypatch.setattr(measures, "EXACT_BETWEENNESS_NODES", 5)
    monkeypatch.setattr(measures, "BETWEENNESS_SAMPLE", 4)
    first, again = graphs.analyse(store, snapshot, seed=3), graphs.analyse(store, snapshot, seed=3)
    assert first.centrality == again.centrality and first.brokers == again.brokers
    assert first.centrality != analysis.centrality  # 4 source nodes of all: an estimate, not the exact values
    assert first.approximations["betweenness"] == f"sampled: shortest paths from 4 of {nodes} nodes (seed 3)"
    assert first.to_dict()["approximations"] == first.approximations
    text = render_tables(first)
    assert f"betweenness sampled: shortest paths from 4 of {nodes} nodes (seed 3)" in text
    assert "paths from at most 4 members of each coalition" in text
    assert f"sampled: shortest paths from 4 of {nodes} nodes".encode() in graphml_bytes(first.graphs["stance"])
    # the rest of the analysis does not depend on the sample
    assert first.coalitions == analysis.coalitions and first.most_quoted == analysis.most_quoted


def _split_by_full_scan(signed: nx.Graph) -> tuple[dict[str, int], int]:
    """The split as first written, rescanning every edge per flip (the oracle of the incremental one),
    and how many flips it made."""
    tree = nx.maximum_spanning_tree(signed, weight="strength")
    root = min(signed)
    side = {root: 0}
    for parent, child in nx.bfs_edges(tree, root, sort_neighbors=sorted):
        side[child] = side[parent] if signed[parent][child]["balance"] > 0 else 1 - side[parent]
    flips = 0
    while True:
        best, gain = None, 0
        for node in sorted(signed):
            delta = sum(
                abs(signed[node][o]["balance"])
                * (1 if (signed[node][o]["balance"] > 0) == (side[node] != side[o]) else -1)
                for o in signed[node]
            )
            if delta > gain:
                best, gain = node, delta
        if best is None:
            return side, flips
        side[best] = 1 - side[best]
        flips += 1


def test_the_incremental_split_flips_exactly_as_a_full_rescan_does():
    flips = 0
    for seed in range(60):
        rng = random.Random(seed)
        signed = nx.Graph()
        nodes = [f"n{i:02d}" for i in range(rng.randint(3, 30))]
        for a, b in zip(nodes, nodes[1:], strict=False):  # connected
            w = rng.choice([-3, -2, -1, 1, 2, 3])
            signed.add_edge(a, b, balance=w, strength=abs(w))
        for _ in range(rng.randint(0, 60)):
            a, b = rng.sample(nodes, 2)
            w = rng.choice([-3, -2, -1, 1, 2, 3])
            signed.add_edge(a, b, balance=w, strength=abs(w))
        expected, made = _split_by_full_scan(signed)
        assert _split(signed) == expected, seed
        flips += made
    assert flips > 20  # the graphs exercise the flips, not only the spanning tree's colouring


def _random_signed(rng: random.Random, parts: int) -> nx.Graph:
    """A signed graph of ``parts`` connected parts, its nodes and edges added in a shuffled order."""
    edges = []
    for part in range(parts):
        nodes = [f"p{part}n{i:02d}" for i in range(rng.randint(2, 12))]
        edges += [(a, b) for a, b in zip(nodes, nodes[1:], strict=False)]
        edges += [tuple(rng.sample(nodes, 2)) for _ in range(rng.randint(0, 20)) if len(nodes) > 2]
    rng.shuffle(edges)
    graph = nx.Graph()
    for a, b in edges:
        w = rng.choice([-2, -1, 1, 2])
        graph.add_edge(a, b, balance=w, strength=abs(w), sign=(w > 0) - (w < 0), agree=max(w, 0))
        graph.nodes[a]["label"] = a.upper()
    return graph


def _layout(graph: nx.Graph) -> tuple:
    """What Louvain can see of a graph: its nodes, and its adjacency with the ``agree`` weights, in order."""
    return list(graph), [(u, [(v, data["agree"]) for v, data in nbrs.items()]) for u, nbrs in graph.adj.items()]


def _edge_set(graph: nx.Graph) -> set:
    return {(frozenset((u, v)), data["agree"]) for u, v, data in graph.edges(data=True)}


def test_the_positive_graph_is_the_positive_edge_subgraph_in_the_graph_order():
    """What nx.Graph(edge_subgraph) gives, nodes and edges in the agreement graph's order; the view itself
    follows that order only when the positive edges touch at least half the nodes (else a set's order, which
    changes from one process to the next)."""
    compared = 0
    for seed in range(40):
        agreement = _random_signed(random.Random(seed), parts=3)
        agreement.graph["name"] = "agreement"
        positive = positive_graph(agreement)
        expected = nx.Graph(agreement.edge_subgraph((u, v) for u, v, s in agreement.edges(data="sign") if s > 0))
        assert list(positive) == [n for n in agreement if n in expected], seed
        assert _edge_set(positive) == _edge_set(expected)
        if 2 * len(expected) >= len(agreement):
            assert _layout(positive) == _layout(expected), seed
            compared += 1
    assert compared > 10


def test_each_part_split_on_the_shared_spanning_forest_as_on_its_own_subgraph():
    """The forest of the whole signed graph, restricted to a part, is the part's own maximum spanning tree,
    ties between equal weights broken alike (checked where the subgraph iterates in the graph's order: parts
    of at least half the nodes)."""
    compared = 0
    for seed in range(40):
        signed = _random_signed(random.Random(seed), parts=2)
        forest = spanning_forest(signed)
        for part in nx.connected_components(signed):
            if 2 * len(part) >= len(signed):
                assert _split(signed, part, forest) == _split(signed.subgraph(part)), seed
                compared += 1
    assert compared >= 40


def test_the_spanning_forest_is_networkx_maximum_spanning_tree_ties_included():
    """Weights 1 and 2 only, so most edges tie: the same edges as networkx's Kruskal keeps."""
    for seed in range(40):
        signed = _random_signed(random.Random(seed), parts=3)
        expected = nx.maximum_spanning_tree(signed, weight="strength")
        found = spanning_forest(signed)
        assert {frozenset((u, v)) for u in found for v in found[u]} == {frozenset(e) for e in expected.edges()}, seed

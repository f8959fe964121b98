"""What the shape of the debate shows: the actors' agreement (the stance graph's projection), coalitions (a signed two-camp split of the actors and its
frustration), centrality with betweenness sampled on large graphs, brokers between the camps, the most quoted
speakers and the sources quoting most speakers. Works on the graphs of :mod:`minegraph.analysis.graphs`."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from minegraph.analysis import shortest_paths
from minegraph.errors import require


def agreement_graph(stance: nx.Graph) -> nx.Graph:
    """The actor–actor projection of the stance graph: who took the same or opposite sides on a decision.

    Edge attributes: ``agree`` (decisions both supported or both opposed), ``disagree`` (one supported,
    the other opposed), ``neutral`` (both neutral, or both mixed), ``sign`` (+1 more agreement, -1 more
    disagreement, 0 neither), ``relation`` in words, ``weight`` (all shared stances). Every actor is a node.
    """
    graph = nx.Graph(name="agreement")
    actors = sorted(n for n, kind in stance.nodes(data="kind") if kind == "actor")
    graph.add_nodes_from((a, dict(stance.nodes[a])) for a in actors)
    shared: dict[tuple[str, str], list[int]] = {}  # pairs of actors of each decision, not every pair of actors
    for decision in (n for n, kind in stance.nodes(data="kind") if kind == "decision"):
        sides = [(a, edge["sign"], edge["stance"]) for a, edge in sorted(stance.adj[decision].items())]
        for (a, sign_a, stance_a), (b, sign_b, stance_b) in itertools.combinations(sides, 2):
            if sign_a and sign_b:
                shared.setdefault((a, b), [0, 0, 0])[0 if sign_a == sign_b else 1] += 1
            elif stance_a == stance_b:
                shared.setdefault((a, b), [0, 0, 0])[2] += 1
    graph.add_edges_from(_agreement_edge(a, b, *counts) for (a, b), counts in sorted(shared.items()))
    return graph


def _agreement_edge(a: str, b: str, agree: int, disagree: int, neutral: int) -> tuple[str, str, dict]:
    """The edge a–b of the agreement graph from its counts (see :func:`agreement_graph`)."""
    sign = (agree > disagree) - (disagree > agree)
    relation = {1: "agree", -1: "disagree", 0: "both neutral" if not agree else "divided"}[sign]
    return (
        a,
        b,
        dict(
            agree=agree,
            disagree=disagree,
            neutral=neutral,
            sign=sign,
            relation=relation,
            weight=agree + disagree + neutral,
        ),
    )


def positive_graph(agreement: nx.Graph) -> nx.Graph:
    """Louvain's input: the agreement graph's positive edges, with their ``agree`` counts, and their actors,
    nodes and edges in the order ``nx.Graph(agreement.edge_subgraph(positive edges))`` gives them (Louvain's
    result depends on it), built without iterating through filtered views (1.5 s at 10^6 triples)."""
    ties = {
        u: [(v, data["agree"]) for v, data in nbrs.items() if data["sign"] > 0] for u, nbrs in agreement.adj.items()
    }
    positive = nx.Graph(**agreement.graph)
    positive.add_nodes_from(u for u, found in ties.items() if found)
    done = set()  # each edge once, where the subgraph's first node meets it
    for u, found in ties.items():
        positive.add_edges_from((u, v, {"agree": agree}) for v, agree in found if v not in done)
        done.add(u)
    return positive


@dataclass
class Coalition:
    """A group of actors on the same side, with its stance profile (decision → net sign of its members)."""

    name: str
    members: list[str]
    labels: list[str]
    supports: list[str] = field(default_factory=list)
    opposes: list[str] = field(default_factory=list)

    def describe(self, stance: nx.Graph) -> str:
        """E.g. "supports 1 adoption decision; opposes 5 withdrawal decisions"."""
        parts = []
        for verb, decisions in (("supports", self.supports), ("opposes", self.opposes)):
            kinds = Counter(stance.nodes[d].get("decision_type") or "other" for d in decisions)
            if kinds:
                parts.append(
                    f"{verb} "
                    + ", ".join(f"{n} {kind} decision{'s' if n > 1 else ''}" for kind, n in sorted(kinds.items()))
                )
        return "; ".join(parts) or "no signed stance"


def frustration(signed: nx.Graph, side: dict[str, int]) -> int:
    """Weight of the edges a two-sided split violates: positive across the sides, negative within one."""
    return sum(
        abs(w)
        for u, v, w in signed.edges(data="balance")
        if (w > 0 and side[u] != side[v]) or (w < 0 and side[u] == side[v])
    )


def spanning_forest(signed: nx.Graph) -> dict[str, list[str]]:
    """Each node's neighbours in a maximum spanning forest of ``signed`` on ``strength``: Kruskal as networkx's
    ``maximum_spanning_tree`` runs it (the edges in the graph's order, sorted stably by falling strength, each
    kept when it joins two trees), so equal strengths are broken alike, in plain dicts (0.5 s less at 10^6)."""
    edges = sorted(
        ((data["strength"], u, v) for u, v, data in signed.edges(data=True)), key=lambda e: e[0], reverse=True
    )
    parent, tree = {n: n for n in signed}, {n: [] for n in signed}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for _, u, v in edges:
        a, b = root(u), root(v)
        if a != b:
            parent[a] = b
            tree[u].append(v)
            tree[v].append(u)
    return tree


def _split(signed: nx.Graph, part=None, forest: dict[str, list[str]] | None = None) -> dict[str, int]:
    """Two sides of one connected part of the signed graph (all of it by default) with the fewest violated
    edges (see :func:`coalitions`); ``forest`` (:func:`spanning_forest` of ``signed``) is computed once for
    every part (its restriction to a part is the part's own tree: Kruskal's sort is stable).

    The flips keep each node's gain (violated minus kept weight at it) up to date: a flip negates the
    node's own gain and moves each neighbour's by twice the edge's weight, so one pass costs the nodes,
    not the edges (the whole scan per flip took minutes at 10^6 triples)."""
    forest = forest if forest is not None else spanning_forest(signed)
    order = sorted(part if part is not None else signed)
    side, queue = {order[0]: 0}, [order[0]]
    for parent in queue:  # colour the tree from the smallest IRI: a tie's sign joins or parts its two ends
        for child in forest[parent]:
            if child not in side:
                side[child] = side[parent] if signed[parent][child]["balance"] > 0 else 1 - side[parent]
                queue.append(child)
    adjacency = {node: [(other, data["balance"]) for other, data in signed.adj[node].items()] for node in order}

    def weight(node: str, other: str, w: int) -> int:  # |w| if the edge is violated now, -|w| if it is kept
        return abs(w) if (w > 0) == (side[node] != side[other]) else -abs(w)

    gain = {node: sum(weight(node, other, w) for other, w in adjacency[node]) for node in order}
    while True:  # flip the first node (in IRI order) that removes most violated weight, until none does
        best, most = None, 0
        for node in order:
            if gain[node] > most:
                best, most = node, gain[node]
        if best is None:
            return side
        for other, w in adjacency[best]:
            gain[other] -= 2 * weight(best, other, w)
        side[best] = 1 - side[best]
        gain[best] = -gain[best]


def coalitions(stance: nx.Graph, agreement: nx.Graph | None = None) -> tuple[list[Coalition], list[str], int]:
    """Stance coalitions: a two-sided split of each connected part of the signed actor graph.

    The signed graph has the actors and, between two actors, the balance of the decisions on which they
    took the same side minus those on which they took opposite sides (neutral statements take no side).
    Each connected part is split in two by structural balance: colour a maximum spanning tree (on |balance|,
    from the smallest IRI, neighbours in IRI order) so that positive edges join and negative edges part,
    then flip single actors while that lowers the violated weight. The result is exact for a balanced graph
    and fully deterministic (no random choice, so no seed). Returns the coalitions (largest first), the
    actors without any side (only neutral or mixed statements) and the total violated weight.
    """
    agreement = agreement if agreement is not None else agreement_graph(stance)
    signed = nx.Graph()
    for u, v, data in sorted(agreement.edges(data=True)):
        balance = data["agree"] - data["disagree"]
        if balance:
            signed.add_edge(u, v, balance=balance, strength=abs(balance))
    groups, sides = [], {}
    forest = spanning_forest(signed)
    for part in sorted(nx.connected_components(signed), key=min):
        side = _split(signed, part, forest)
        sides.update(side)
        groups += [sorted(n for n in part if side[n] == s) for s in (0, 1) if any(side[n] == s for n in part)]
    violated = frustration(signed, sides)  # no edge joins two parts: the parts' sum
    groups.sort(key=lambda members: (-len(members), members))
    found = []
    for number, members in enumerate(groups, 1):
        net = Counter()
        for actor in members:
            for decision, edge in stance[actor].items():
                net[decision] += edge["sign"]
        found.append(
            Coalition(
                f"Coalition {number}",
                members,
                [stance.nodes[m]["label"] for m in members],
                supports=sorted(d for d, s in net.items() if s > 0),
                opposes=sorted(d for d, s in net.items() if s < 0),
            )
        )
    unaligned = sorted(n for n in agreement if n not in signed)
    return found, unaligned, violated


def annotate_coalitions(graph: nx.Graph, found: list[Coalition]) -> None:
    """Write each actor's coalition name as the node attribute ``coalition`` ("" when it has none)."""
    for node, kind in graph.nodes(data="kind"):
        if kind == "actor":
            graph.nodes[node]["coalition"] = ""
    for coalition in found:
        for member in coalition.members:
            if member in graph:
                graph.nodes[member]["coalition"] = coalition.name


#: Above this many nodes betweenness is estimated from a seeded sample of this many source nodes
#: (networkx's ``k``; Brandes' exact algorithm costs nodes × edges), and the output says so.
EXACT_BETWEENNESS_NODES = 500
BETWEENNESS_SAMPLE = 100


def betweenness_sample(graph: nx.Graph) -> int | None:
    """How many source nodes betweenness is estimated from in ``graph``; None when it is computed exactly."""
    return BETWEENNESS_SAMPLE if graph.number_of_nodes() > EXACT_BETWEENNESS_NODES else None


def centrality(graph: nx.Graph, *, seed: int = 1) -> list[dict]:
    """Degree, strength (statements), betweenness (sampled above :data:`EXACT_BETWEENNESS_NODES`, with
    ``seed``) and PageRank of every node, highest PageRank first."""
    require("scipy", "analysis")  # networkx's PageRank runs on scipy
    sample = betweenness_sample(graph)
    betweenness = shortest_paths.betweenness(
        graph, None if sample is None else random.Random(seed).sample(list(graph), sample)
    )
    pagerank = nx.pagerank(graph, weight="weight")
    rows = [
        {
            "node": n,
            "label": d.get("label", n),
            "kind": d.get("kind", ""),
            "degree": graph.degree(n),
            "strength": graph.degree(n, weight="weight"),
            "betweenness": round(betweenness[n], 6),
            "pagerank": round(pagerank[n], 6),
        }
        for n, d in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r["pagerank"], r["node"]))


def brokers(stance: nx.Graph, found: list[Coalition], *, seed: int = 1) -> list[dict]:
    """Nodes on the shortest paths between members of different coalitions (subset betweenness), highest
    first; above :data:`EXACT_BETWEENNESS_NODES` nodes from a seeded sample of each first coalition's
    members, scaled up to all of them."""
    score, sample = Counter(), betweenness_sample(stance)
    for first, second in itertools.combinations(found, 2):
        sources, scale = first.members, 1.0
        if sample is not None and len(sources) > sample:
            sources, scale = random.Random(seed).sample(sorted(sources), sample), len(sources) / sample
        for node, value in nx.betweenness_centrality_subset(stance, sources, second.members).items():
            score[node] += value * scale
    return [
        {"node": n, "label": stance.nodes[n]["label"], "kind": stance.nodes[n]["kind"], "score": round(s, 6)}
        for n, s in sorted(score.items(), key=lambda item: (-item[1], item[0]))
        if s > 0
    ]


def approximations(stance: nx.Graph, seed: int) -> dict[str, str]:
    """What was estimated rather than computed exactly (empty for a graph of up to
    :data:`EXACT_BETWEENNESS_NODES` nodes), in words for the tables, the JSON and the exports."""
    sample = betweenness_sample(stance)
    if sample is None:
        return {}
    nodes = stance.number_of_nodes()
    return {
        "betweenness": f"sampled: shortest paths from {sample} of {nodes} nodes (seed {seed})",
        "brokers": f"sampled: paths from at most {sample} members of each coalition, scaled (seed {seed})",
    }


def most_quoted(reported: nx.DiGraph) -> list[dict]:
    """Speakers by number of assertions reported, with how many sources report them."""
    rows = [
        {
            "node": n,
            "label": d["label"],
            "actor_type": d.get("actor_type", ""),
            "assertions": reported.in_degree(n, weight="weight"),
            "sources": reported.in_degree(n),
        }
        for n, d in reported.nodes(data=True)
        if d["kind"] == "actor"
    ]
    return sorted(rows, key=lambda r: (-r["assertions"], -r["sources"], r["label"]))


def widest_sources(reported: nx.DiGraph) -> list[dict]:
    """Source documents by number of distinct speakers they quote."""
    rows = [
        {
            "node": n,
            "label": d["label"],
            "url": d.get("url", ""),
            "speakers": reported.out_degree(n),
            "assertions": reported.out_degree(n, weight="weight"),
        }
        for n, d in reported.nodes(data=True)
        if d["kind"] == "source"
    ]
    return sorted(rows, key=lambda r: (-r["speakers"], -r["assertions"], r["label"]))

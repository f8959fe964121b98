"""Betweenness on the sparse adjacency matrix gives networkx's values, exact and sampled."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from minegraph.analysis.shortest_paths import betweenness


def _graph(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(rng.randint(1, 70), rng.randint(0, 180), seed=seed)
    return nx.relabel_nodes(graph, {i: f"n{i:03d}" for i in graph})


@pytest.mark.parametrize("sampled", [False, True])
def test_betweenness_matches_networkx_on_random_graphs(sampled):
    """Disconnected graphs, isolated nodes and single nodes included; sampled: the same seeded sources."""
    for seed in range(40):
        graph = _graph(seed)
        k = min(len(graph), 6) if sampled else None
        expected = nx.betweenness_centrality(graph, k=k, normalized=True, seed=seed)
        sources = random.Random(seed).sample(list(graph), k) if sampled else None
        found = betweenness(graph, sources)
        assert list(found) == list(graph)
        assert all(found[n] == pytest.approx(expected[n], abs=1e-12) for n in graph), seed

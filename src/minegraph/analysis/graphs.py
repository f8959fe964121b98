"""The debate and the Convention's membership as NetworkX graphs, and what their shape shows.

Every graph is built from SPARQL answers (the library query ``stance-edges`` and the queries below),
never by walking triples; the projection and the analyses then work on the NetworkX graphs. Nodes are
IRIs (``str``) with a ``label``, a ``kind`` (actor, decision, source, state, treaty) and the attributes
the exports keep; dates are ISO strings so that GraphML and GEXF carry them unchanged (``start`` and
``end`` become Gephi time attributes).

Graphs: :func:`stance_graph` (bipartite actor–decision, signed edges), its actor–actor projection
(:func:`~minegraph.analysis.measures.agreement_graph`, agreement and disagreement counts), :func:`reported_graph`
(source → speaker), and :func:`minegraph.analysis.membership.membership_graph` (state → treaty, acts with dates).
The analyses (:mod:`minegraph.analysis.measures`) all run in :func:`analyse`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import networkx as nx

from minegraph.analysis.measures import (
    Coalition,
    agreement_graph,
    annotate_coalitions,
    approximations,
    brokers,
    centrality,
    coalitions,
    most_quoted,
    positive_graph,
    widest_sources,
)
from minegraph.analysis.membership import membership_graph
from minegraph.core.namespaces import MG
from minegraph.queries.library import internal_query
from minegraph.queries.run import execute, fetch_labels, run_query

#: Edge stance for each sign of :func:`stance_graph` (0 is "neutral" or "mixed", see :func:`_stance`).
STANCE_OF_SIGN = {1: "support", -1: "oppose"}

#: Actor types shown in exports and pictures, most specific first (a node takes the first it has).
ACTOR_TYPES = (
    (MG.Person, "person"),
    (MG.Post, "post"),
    (MG.Coalition, "coalition"),
    (MG.PoliticalGroup, "political group"),
    (MG.Parliament, "parliament"),
    (MG.GovernmentBody, "government body"),
    (MG.State, "state"),
    (MG.InternationalOrganisation, "international organisation"),
    (MG.NonGovernmentalOrganisation, "NGO"),
    (MG.MediaOutlet, "media outlet"),
    (MG.Organisation, "organisation"),
    (MG.Actor, "actor"),
)


def _rows(store, name: str, **params) -> list[dict]:
    """Rows of the internal query ``name`` (``queries/internal/NAME.rq``) with ``params`` bound as terms."""
    return execute(internal_query(name), params, store).rows


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, datetime.date) else value


def actor_type(types: set[str]) -> str:
    """The most specific actor type of :data:`ACTOR_TYPES` among a node's rdf:types."""
    return next((name for iri, name in ACTOR_TYPES if str(iri) in types), "actor")


def _describe_actors(store, graph: nx.Graph, nodes) -> None:
    """Each actor node's ``actor_type``, from the types of every speaker (one query, not one per node)."""
    wanted, types = set(nodes), defaultdict(set)
    for row in _rows(store, "speaker-types"):
        if row["node"] in wanted:
            types[row["node"]].add(row["type"])
    for node in nodes:
        graph.nodes[node]["actor_type"] = actor_type(types.get(node, set()))


def _details(store, name: str, nodes, empty: dict) -> list[tuple[str, dict]]:
    """(node, row) of the internal query ``name`` (one query over every node) for ``nodes`` in IRI order;
    ``empty`` for a node without a row, as the OPTIONALs give."""
    wanted, found = set(nodes), defaultdict(list)
    for row in _rows(store, name):
        if row["node"] in wanted:
            found[row["node"]].append(row)
    return [(node, row) for node in sorted(wanted) for row in found.get(node) or [empty]]


# --------------------------------------------------------------------------- graphs


def _stance(row: dict) -> str:
    """The stance of an aggregated edge: its sign's, else neutral (only neutral statements) or mixed."""
    if row["sign"]:
        return STANCE_OF_SIGN[row["sign"]]
    return "neutral" if row["neutral"] == row["statements"] else "mixed"


def _evidence(row: dict) -> str:
    """What an edge rests on: anchored quotes, reported positions, or both."""
    kinds = [name for name, key in (("anchored quote", "anchored"), ("reported position", "reported")) if int(row[key])]
    return "both" if len(kinds) == 2 else (kinds[0] if kinds else "")


def stance_graph(store, project=None) -> nx.Graph:
    """Bipartite actor–decision graph: an edge per speaker and (top-level) decision, signed by stance.

    Edge attributes: ``sign`` (+1 support, -1 oppose, 0 neutral/mixed), ``stance``, ``weight`` (number of
    statements), the counts per stance, ``anchored`` and ``reported`` (statements by evidence level: quotes
    anchored in an archived text, positions reported from pages not archived), ``evidence`` (which of the two
    the edge rests on: "anchored quote", "reported position" or "both") and ``start`` (the first date one was made). Statements about a
    part of a decision count toward the decision (``mg:partOf*``, in the query ``stance-edges``).
    """
    graph = nx.Graph(name="stance")
    for row in run_query("stance-edges", store=store, project=project).rows:
        graph.add_node(row["actor"], label=row["actorLabel"], kind="actor", bipartite=0)
        graph.add_node(row["decision"], label=row["decisionLabel"], kind="decision", bipartite=1)
        graph.add_edge(
            row["actor"],
            row["decision"],
            sign=int(row["sign"]),
            stance=_stance(row),
            weight=int(row["statements"]),
            support=int(row["support"]),
            oppose=int(row["oppose"]),
            neutral=int(row["neutral"]),
            mixed=int(row["mixed"]),
            start=_iso(row["first"]),
            anchored=int(row["anchored"]),
            reported=int(row["reported"]),
            evidence=_evidence(row),
        )
    actors = [n for n, kind in graph.nodes(data="kind") if kind == "actor"]
    decisions = [n for n, kind in graph.nodes(data="kind") if kind == "decision"]
    if actors:
        _describe_actors(store, graph, actors)
    if decisions:
        for node, row in _details(store, "decision-details", decisions, {"decisionType": None, "date": None}):
            graph.nodes[node].update(decision_type=row["decisionType"] or "", date=_iso(row["date"]) or "")
    return graph


def reported_graph(store) -> nx.DiGraph:
    """Source document → speaker: who each document reports, weighted by the number of assertions."""
    graph = nx.DiGraph(name="reported")
    rows = _rows(store, "reported-by-source")
    for row in rows:
        graph.add_node(row["source"], kind="source")
        graph.add_node(row["speaker"], kind="actor")
        graph.add_edge(
            row["source"],
            row["speaker"],
            weight=int(row["assertions"]),
            statements=int(row["statements"]),
            claims=int(row["claims"]),
        )
    labels = fetch_labels(store, graph.nodes)
    for node in graph:
        graph.nodes[node]["label"] = labels.get(node, node)
    sources = [n for n, kind in graph.nodes(data="kind") if kind == "source"]
    if sources:
        for node, row in _details(
            store, "appearing-source-details", sources, {"url": None, "published": None, "kind": None}
        ):
            graph.nodes[node].update(
                url=row["url"] or "", published=_iso(row["published"]) or "", source_kind=row["kind"] or ""
            )
        _describe_actors(store, graph, [n for n in graph if n not in sources])
    return graph


@dataclass
class Analysis:
    """All graphs of the project and the analyses of :func:`analyse` (``to_dict`` for JSON)."""

    graphs: dict[str, nx.Graph]
    centrality: list[dict]
    coalitions: list[Coalition]
    unaligned: list[str]
    frustration: int
    communities: list[list[str]]
    brokers: list[dict]
    most_quoted: list[dict]
    widest_sources: list[dict]
    approximations: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        return {name: {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()} for name, g in self.graphs.items()}

    def to_dict(self) -> dict:
        stance = self.graphs["stance"]
        return {
            "graphs": self.counts(),
            "centrality": self.centrality,
            "coalitions": [dict(asdict(c), description=c.describe(stance)) for c in self.coalitions],
            "unaligned": [{"node": n, "label": stance.nodes[n]["label"]} for n in self.unaligned],
            "frustration": self.frustration,
            "agreement_communities": [
                [{"node": n, "label": stance.nodes[n]["label"]} for n in c] for c in self.communities
            ],
            "brokers": self.brokers,
            "most_quoted_speakers": self.most_quoted,
            "sources_quoting_most_speakers": self.widest_sources,
            "approximations": self.approximations,
        }


def analyse(store, project=None, *, seed: int = 1) -> Analysis:
    """Build every graph and run every analysis; ``seed`` fixes Louvain's order on the agreement edges and
    the sample of sampled betweenness (large graphs only; :func:`approximations` says what was sampled)."""
    stance = stance_graph(store, project)
    agreement = agreement_graph(stance)
    found, unaligned, violated = coalitions(stance, agreement)
    for graph in (stance, agreement):
        annotate_coalitions(graph, found)
    communities = sorted(
        (sorted(c) for c in nx.community.louvain_communities(positive_graph(agreement), weight="agree", seed=seed)),
        key=lambda c: (-len(c), c),
    )
    reported = reported_graph(store)
    annotate_coalitions(reported, found)
    approximated = approximations(stance, seed)
    stance.graph.update(approximated)  # written into the GraphML and GEXF exports as graph attributes
    return Analysis(
        graphs={"stance": stance, "agreement": agreement, "reported": reported, "membership": membership_graph(store)},
        centrality=centrality(stance, seed=seed),
        coalitions=found,
        unaligned=unaligned,
        frustration=violated,
        communities=communities,
        brokers=brokers(stance, found, seed=seed),
        most_quoted=most_quoted(reported),
        widest_sources=widest_sources(reported),
        approximations=approximated,
    )

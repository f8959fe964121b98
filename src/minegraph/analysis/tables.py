"""The network analyses as plain-text tables (what ``minegraph network`` prints)."""

from __future__ import annotations

DESCRIPTIONS = {
    "stance": "actors and decisions; an edge per speaker and decision, signed by stance",
    "agreement": "actors; an edge when two took the same or opposite sides on a decision",
    "reported": "source documents → the speakers they report",
    "membership": "states → the treaty; acts with dates, status over time",
}


def text_table(headers: list[str], rows: list[list]) -> str:
    """Rows under headers as the plain-text table the query command prints (numbers right-aligned)."""
    # lazy: rdflib (~170 ms), only on this path
    from rdflib import Literal

    from minegraph.queries.writers import table

    cells = [{h: (Literal(v) if isinstance(v, (int, float)) else v) for h, v in zip(headers, row)} for row in rows]
    return table(headers, cells, width=10**6, max_column=70)


def _coalitions(analysis) -> list[str]:
    """The coalitions' table: each member with its coalition's stance, then the actors who took no side."""
    stance = analysis.graphs["stance"]
    rows = [
        [c.name, label, c.describe(stance) if i == 0 else ""]
        for c in analysis.coalitions
        for i, label in enumerate(c.labels)
    ]
    rows += [
        ["no side taken", stance.nodes[n]["label"], "neutral statements only" if i == 0 else ""]
        for i, n in enumerate(analysis.unaligned)
    ]
    return [
        f"\nStance coalitions (structural balance of the signed actor graph; {analysis.frustration} violated tie(s))\n",
        text_table(["coalition", "member", "the coalition's stance (net of its members)"], rows),
    ]


def render_tables(analysis, top: int = 10) -> str:
    """The analyses as plain-text tables."""
    stance = analysis.graphs["stance"]
    out = [
        "Graphs\n",
        text_table(
            ["graph", "nodes", "edges", "what"],
            [[n, c["nodes"], c["edges"], DESCRIPTIONS.get(n, "")] for n, c in analysis.counts().items()],
        ),
    ]
    out += _coalitions(analysis)
    sampled = analysis.approximations
    out.append(
        "\nCentrality in the stance graph (highest PageRank first; statement links: statements × decisions"
        + (f"; betweenness {sampled['betweenness']}" if "betweenness" in sampled else "")
        + ")\n"
    )
    out.append(
        text_table(
            ["node", "kind", "degree", "statement links", "betweenness", "pagerank"],
            [
                [r["label"], r["kind"], r["degree"], r["strength"], r["betweenness"], r["pagerank"]]
                for r in analysis.centrality[:top]
            ],
        )
    )
    out.append(
        "\nBrokers: nodes on the shortest paths between members of different coalitions"
        + (f" ({sampled['brokers']})" if "brokers" in sampled else "")
        + "\n"
    )
    out.append(
        text_table(["node", "kind", "score"], [[b["label"], b["kind"], b["score"]] for b in analysis.brokers[:top]])
    )
    out.append("\nMost-quoted speakers (statements and claims)\n")
    out.append(
        text_table(
            ["speaker", "type", "assertions", "sources"],
            [[r["label"], r["actor_type"], r["assertions"], r["sources"]] for r in analysis.most_quoted[:top]],
        )
    )
    out.append("\nSources that quote most speakers\n")
    out.append(
        text_table(
            ["source", "speakers", "assertions"],
            [[r["label"], r["speakers"], r["assertions"]] for r in analysis.widest_sources[:top]],
        )
    )
    out.append(
        "\nAgreement communities (Louvain on the agreement edges, seeded): "
        + " | ".join(", ".join(stance.nodes[n]["label"] for n in c) for c in analysis.communities)
        + "\n"
    )
    return "".join(out)

"""The discourse networks in words and tables for a terminal: a network's ties, the window sequence and the
statements behind one tie (what ``minegraph network --kind/--window/--edge`` prints)."""

from __future__ import annotations

from minegraph.querylang.terms import compact

from ..tables import text_table
from .networks import Network
from .windows import Sequence

SCOPE = "{kind} network, actors as {level}s, normalisation {normalisation}, {qualifier} qualifier"


def _value(value: float):
    return int(value) if float(value).is_integer() else round(float(value), 4)


def _scope(network: Network) -> str:
    text = SCOPE.format(
        kind=network.kind, level=network.level, normalisation=network.normalisation, qualifier=network.qualifier
    )
    if network.start or network.end:
        text += f", {network.start or '…'} to {network.end or '…'}"
    return text


def network_text(network: Network, top: int | None = None) -> str:
    """The ties (or affiliation cells), strongest first, with how many statements and which evidence."""
    graph = network.to_graph()
    edges = sorted(graph.edges(data=True), key=lambda e: (-abs(e[2].get("value", e[2]["weight"])), e[0], e[1]))
    rows = [
        [network.label(u), network.label(v), _value(d.get("value", d["weight"])), len(d["statements"]), d["evidence"]]
        for u, v, d in edges[:top]
    ]
    first, second = ("actor", "decision") if network.kind == "affiliation" else ("actor", "other actor")
    head = (
        f"{_scope(network)}: {len(network.rows)} actors, {graph.number_of_edges()} "
        f"{'cells' if network.kind == 'affiliation' else 'ties'}\n"
    )
    return head + text_table([first, second, "value", "statements", "evidence"], rows)


def sequence_text(sequence: Sequence) -> str:
    """One line per window: statements, active actors, polarisation, the camps and their stability."""
    rows = []
    for w in sequence.windows:
        label = w.congruence.label
        camps = " | ".join(", ".join(label(a) for a in camp) for camp in w.polarisation.camps if camp)
        score = "" if w.polarisation.score is None else round(w.polarisation.score, 3)
        rows.append(
            [
                f"{w.start} – {w.end}",
                w.statements,
                w.polarisation.actors,
                score,
                "" if w.rand is None else round(w.rand, 3),
                "" if w.jaccard is None else round(w.jaccard, 3),
                camps,
            ]
        )
    options = sequence.options
    head = (
        f"Windows of {options['size']} every {options['step']} from {options['start']} to {options['end']} "
        f"(actors as {options['level']}s; polarisation: the best two-camp cut, docs/discourse-networks.md)\n"
    )
    return head + text_table(["window", "statements", "actors", "polarisation", "adj. Rand", "Jaccard", "camps"], rows)


def tie_text(network: Network, a: str, b: str) -> str:
    """The statements behind the tie a–b, decision by decision, each with its stance, date, evidence and source."""
    coded = network.behind(a, b)
    value = network.cell(a, b) if a in network.rows and b in network.columns else 0
    out = [
        f"{network.label(a)} — {network.label(b)}: {_value(value)} ({_scope(network)})",
        f"{len({c.statement for c in coded})} statement(s) behind it" + (":" if coded else ""),
    ]
    for decision in sorted({c.decision for c in coded}, key=network.label):
        out.append(f"\n  on {network.label(decision)} ({compact(decision)})")
        for c in (c for c in coded if c.decision == decision):
            out.append(
                f"    {c.stance:<8} {network.label(c.actor(network.level))} · {c.date or 'undated'} · {c.evidence}"
                f"\n             {compact(c.statement)}"
                + "".join(f"\n             source: {compact(s)}" for s in c.sources)
            )
    out.append("\nTrace a statement: minegraph trace STATEMENT")
    return "\n".join(out) + "\n"

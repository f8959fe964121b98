"""The treaty-membership graph over time: state → treaty, one edge per state with the dates of its acts.

Built from one SPARQL query over the dated treaty acts; dates are ISO strings, ``start``/``end`` and the
``status_history`` spells become Gephi time attributes in GEXF (:mod:`minegraph.analysis.graphml`).
"""

from __future__ import annotations

import datetime

import networkx as nx

from minegraph.queries.library import internal_query
from minegraph.queries.run import execute

#: Act class → (edge attribute holding its date, status of the state from that date, rank: the order of acts
#: on a same day, and a later act of lower rank never steps the status back). A deposit of withdrawal and a
#: suspension notification change no status: the Convention stays in force for the state until the withdrawal
#: takes effect (Article 20(3)), as in the query in-force-on-date; their dates are edge attributes.
ACTS = {
    "Signature": ("signed", "signatory", 0),
    "Ratification": ("consented", "consented", 1),
    "Accession": ("consented", "consented", 1),
    "Succession": ("consented", "consented", 1),
    "EntryIntoForceForState": ("in_force", "in force", 2),
    "SuspensionNotification": ("suspension_notified", None, 3),
    "WithdrawalInstrumentDeposit": ("withdrawal_deposited", None, 4),
    "WithdrawalTakingEffect": ("withdrawn", "withdrawn", 5),
}


def membership_graph(store) -> nx.DiGraph:
    """State → treaty, one edge per state that performed a dated treaty act.

    Edge attributes: the date of each act (``signed``, ``consented``, ``in_force``, ``withdrawal_deposited``,
    ``withdrawn``, ``suspension_notified``), ``instrument``, the current ``status``, ``start`` (first act)
    and ``end`` (the day before a withdrawal took effect: the last day the state was bound), and
    ``status_history``: (status, first day, last day or None) spells, a Gephi dynamic attribute.
    """
    graph = nx.DiGraph(name="membership")
    acts: dict[tuple[str, str], list[tuple[str, int, str]]] = {}
    for row in execute(internal_query("treaty-acts"), {}, store).rows:
        state, treaty = row["state"], row["treaty"]
        graph.add_node(state, label=row["stateLabel"], kind="state", iso3=row["iso3"], actor_type="state")
        graph.add_node(treaty, label=row["treatyLabel"], kind="treaty")
        name = row["class"].rsplit("#", 1)[-1]
        attribute, status, order = ACTS[name]
        day = row["date"].isoformat()
        if status is not None:
            acts.setdefault((state, treaty), []).append((day, order, status))
        data = graph.get_edge_data(state, treaty) or {}
        data[attribute] = day
        if row["instrument"]:
            data["instrument"] = row["instrument"]
        if row["contested"]:
            data["contested"] = True
        graph.add_edge(state, treaty, **data)
    for (state, treaty), dated in acts.items():
        data = graph[state][treaty]
        history = _spells(sorted(dated))
        data.update(status=history[-1][0], label=history[-1][0], start=history[0][1], status_history=history)
        if "withdrawn" in data:
            data["end"] = _day_before(data["withdrawn"])
            data["status_history"] = history[:-1]  # the edge ends when the withdrawal takes effect
    return graph


def _day_before(day: str) -> str:
    return (datetime.date.fromisoformat(day) - datetime.timedelta(days=1)).isoformat()


def _spells(dated: list[tuple[str, int, str]]) -> list[tuple[str, str, str | None]]:
    """(status, first day, last day) per status, in date order. A status superseded on its first day is
    dropped, and a later act never steps the status back (a successor state is bound from its independence,
    before it notifies the succession)."""
    spells: list[tuple[str, str, str | None]] = []
    reached = -1
    for day, order, status in dated:
        if order < reached:
            continue
        reached = order
        if spells and spells[-1][1] == day:
            spells.pop()
        if spells:
            spells[-1] = (spells[-1][0], spells[-1][1], _day_before(day))
        spells.append((status, day, None))
    return spells

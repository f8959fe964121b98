"""Files of the discourse networks: GraphML (one network), dynamic GEXF (a window sequence: spells per window
and the tie's value over time), CSV matrices in the layout rDNA users know (``write.csv`` of a
``dna_network`` matrix: an empty corner cell, the column labels, then one row per actor: its label and its
values) and JSON (the matrix, the labels and every edge with the statements behind it). Written atomically.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import networkx as nx

from minegraph.core.files import atomic_write

from ..graphml import gexf_bytes, graphml_bytes
from .matrices import dense_rows
from .networks import Network, trace_attributes
from .windows import Sequence, window_record


def _number(value: float):
    return int(value) if float(value).is_integer() else round(float(value), 12)


def _names(network: Network, nodes: list[str]) -> list[str]:
    """Labels as names, with the IRI added to any label two nodes share (rDNA's names are unique)."""
    labels = [network.label(n) for n in nodes]
    return [f"{label} <{node}>" if labels.count(label) > 1 else label for label, node in zip(labels, nodes)]


def matrix_csv(network: Network) -> bytes:
    """The matrix as rDNA's ``write.csv`` lays it out."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([""] + _names(network, network.columns))
    for name, row in zip(_names(network, network.rows), dense_rows(network.values)):
        writer.writerow([name] + [_number(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def network_record(network: Network) -> dict:
    """The network as plain values: options, rows and columns with labels, the matrix and the traced edges."""
    graph = network.to_graph()
    return {
        "kind": network.kind,
        "normalisation": network.normalisation,
        "level": network.level,
        "qualifier": network.qualifier,
        "start": network.start and network.start.isoformat(),
        "end": network.end and network.end.isoformat(),
        "rows": [{"id": n, "label": network.label(n)} for n in network.rows],
        "columns": [{"id": n, "label": network.label(n)} for n in network.columns],
        "matrix": [[_number(v) for v in row] for row in dense_rows(network.values)],
        "edges": [{"source": u, "target": v, **data} for u, v, data in sorted(graph.edges(data=True))],
    }


def network_json(network: Network) -> bytes:
    return (json.dumps(network_record(network), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def sequence_json(sequence: Sequence) -> bytes:
    """Every window: its record (dates, counts, polarisation, camps, stability) and its congruence network."""
    windows = [dict(window_record(w), congruence=network_record(w.congruence)) for w in sequence.windows]
    return (json.dumps({"options": sequence.options, "windows": windows}, indent=1, ensure_ascii=False) + "\n").encode(
        "utf-8"
    )


def sequence_csv(sequence: Sequence) -> bytes:
    """One row per window (the polarisation curve and the camps) as CSV."""
    records = [window_record(w) for w in sequence.windows]
    headers = sorted(
        {k for r in records for k in r}, key=lambda k: (list(records[0]).index(k) if k in records[0] else 99, k)
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue().encode("utf-8")


def owned_spells(sequence: Sequence) -> list[tuple[str, str]]:
    """The interval each window stands for in a dynamic file: from its first day to the day before the next
    window starts (its own last day when windows do not overlap, and for the last window), so that moving
    windows give spells and values that do not overlap."""
    spells = []
    for window, following in zip(sequence.windows, sequence.windows[1:] + [None]):
        last = window.end if following is None else min(window.end, following.start - datetime.timedelta(days=1))
        spells.append((window.start.isoformat(), last.isoformat()))
    return spells


def _merge(spells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Spells that touch or overlap joined into one (ISO dates, in order)."""
    merged: list[list[str]] = []
    for start, end in sorted(spells):
        if merged and datetime.date.fromisoformat(start) <= datetime.date.fromisoformat(
            merged[-1][1]
        ) + datetime.timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(m) for m in merged]


def dynamic_graph(sequence: Sequence, kind: str = "congruence") -> nx.Graph:
    """One graph over all windows: a node per actor active in some window and an edge per tie present in some
    window, each with its ``spells`` (the intervals of :func:`owned_spells` it exists in, joined) and, for
    edges, ``tie_history`` (its value per window, a GEXF dynamic attribute) and the statements behind it."""
    graph = nx.Graph(name=f"{kind} over time", kind=kind, **{k: str(v) for k, v in sequence.options.items()})
    behind: dict[frozenset, list] = {}
    for window, spell in zip(sequence.windows, owned_spells(sequence)):
        network = window.congruence if kind == "congruence" else window.conflict
        for actor in network.coded:
            graph.add_node(actor, label=network.label(actor), kind="actor")
            graph.nodes[actor].setdefault("spells", []).append(spell)
        for u, v, data in network.to_graph().edges(data=True):
            if not graph.has_edge(u, v):
                graph.add_edge(u, v, spells=[], tie_history=[])
            graph.edges[u, v]["spells"].append(spell)
            graph.edges[u, v]["tie_history"].append((data["weight"], *spell))
            behind.setdefault(frozenset((u, v)), []).extend(network.behind(u, v))
    for _, data in graph.nodes(data=True):
        data["spells"] = _merge(data["spells"])
    for u, v, data in graph.edges(data=True):
        data.update(
            spells=_merge(data["spells"]),
            weight=sum(w for w, *_ in data["tie_history"]),
            **trace_attributes(behind[frozenset((u, v))]),
        )
    return graph


def write_network(network: Network, path: Path) -> Path:
    """Write one network as .graphml, .csv (rDNA layout) or .json, chosen by the suffix."""
    path = Path(path)
    writers = {
        ".graphml": lambda: graphml_bytes(network.to_graph()),
        ".csv": lambda: matrix_csv(network),
        ".json": lambda: network_json(network),
    }
    if path.suffix not in writers:
        raise ValueError(f"unsupported network file type {path.suffix!r}; expected .graphml, .csv or .json")
    return atomic_write(path, writers[path.suffix]())


def write_sequence(sequence: Sequence, out_dir: Path, stem: str = "windows") -> list[Path]:
    """``<stem>.gexf`` (dynamic congruence), ``<stem>-conflict.gexf``, ``<stem>.json`` and ``<stem>.csv``."""
    out_dir = Path(out_dir)
    return [
        atomic_write(out_dir / f"{stem}.gexf", gexf_bytes(dynamic_graph(sequence, "congruence"))),
        atomic_write(out_dir / f"{stem}-conflict.gexf", gexf_bytes(dynamic_graph(sequence, "conflict"))),
        atomic_write(out_dir / f"{stem}.json", sequence_json(sequence)),
        atomic_write(out_dir / f"{stem}.csv", sequence_csv(sequence)),
    ]

"""GraphML and GEXF files of the network graphs, for Gephi, Cytoscape and yEd.

Attributes are made portable first: lists become ``"; "``-joined text, ``None`` and ``""`` are left out, dates are
ISO strings. In GEXF, ``start``/``end`` become the Gephi time interval of a node or edge (networkx then
writes ``mode="dynamic" timeformat="date"``), ``spells`` lists of ``(start, end)`` its spells, and ``*_history`` lists of ``(value, start, end)`` become
dynamic attributes (``status_history`` → ``status`` over time). Files are written atomically.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx

from minegraph.core.files import atomic_write
from minegraph.core.formats import by_suffix
from minegraph.core.formats import formats as network_formats

#: The network file formats of the registry (minegraph.core.formats), by name.
FORMATS = tuple(f.name for f in network_formats("network"))
HISTORY = "_history"


def _portable(value):
    if isinstance(value, (list, tuple, set)):
        return "; ".join(
            " ".join(str(part) for part in item if part is not None) if isinstance(item, tuple) else str(item)
            for item in value
        )
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _clean(data: dict, dynamic: bool) -> dict:
    out = {}
    for key, value in data.items():
        if value is None or value == "":  # an unknown value is left out, not written as an empty string
            continue
        if dynamic and key == "spells":  # Gephi spells: the (start, end) intervals a node or edge exists in
            out[key] = [(start, end) for start, end in value]
        elif dynamic and key.endswith(HISTORY):
            out[key[: -len(HISTORY)]] = [(v, start, end) for v, start, end in value]
        else:
            out[key] = _portable(value)
    return out


def portable(graph: nx.Graph, *, dynamic: bool = False) -> nx.Graph:
    """A copy of ``graph`` whose attributes GraphML (``dynamic=False``) or GEXF (``True``) can hold."""
    copy = graph.__class__()
    copy.graph.update({k: _portable(v) for k, v in graph.graph.items() if v is not None})
    copy.add_nodes_from((n, _clean(d, dynamic)) for n, d in graph.nodes(data=True))
    copy.add_edges_from((u, v, _clean(d, dynamic)) for u, v, d in graph.edges(data=True))
    return copy


def graphml_bytes(graph: nx.Graph) -> bytes:
    """The graph as GraphML (UTF-8)."""
    buffer = io.BytesIO()
    nx.write_graphml(portable(graph), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def gexf_bytes(graph: nx.Graph) -> bytes:
    """The graph as GEXF 1.2 (UTF-8), with Gephi time intervals and dynamic attributes where present; without
    networkx's ``lastmodifieddate`` (today's date), so the same graph gives the same bytes on any day."""
    buffer = io.BytesIO()
    nx.write_gexf(portable(graph, dynamic=True), buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return re.sub(rb' lastmodifieddate="[0-9-]+"', b"", buffer.getvalue(), count=1)


def write_graph(graph: nx.Graph, path: Path) -> Path:
    """Write ``graph`` to ``path`` as GraphML or GEXF, chosen by the suffix."""
    path = Path(path)
    fmt = by_suffix(path.suffix, "network")
    if fmt is None:
        expected = " or ".join(f.suffix for f in network_formats("network"))
        raise ValueError(f"unsupported graph file type {path.suffix!r}; expected {expected}")
    return atomic_write(path, _WRITERS[fmt.name](graph))


#: The writer of each network format.
_WRITERS = {"graphml": graphml_bytes, "gexf": gexf_bytes}


def export_all(graphs: dict[str, nx.Graph], out_dir: Path, formats=FORMATS) -> list[Path]:
    """Write every graph in every format as ``<out_dir>/<name>-network.<format>``; return the paths."""
    return [
        write_graph(graph, Path(out_dir) / f"{name}-network.{fmt}") for name, graph in graphs.items() for fmt in formats
    ]

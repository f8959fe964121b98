"""``minegraph network`` on a snapshot of the real project: the table of graphs and coalitions, JSON and the
exported files (GraphML, GEXF, pictures)."""

from __future__ import annotations

import json
import re

import networkx as nx

from tests.support.snapshot import run_cli


def _size(analysis, name):
    """The size of one of the analysis's graphs (test_network checks these against the graph files)."""
    graph = analysis.graphs[name]
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def test_network_tables(snapshot, capsys, analysis):
    code, out, _ = run_cli(snapshot, capsys, "network")
    assert code == 0
    stance = _size(analysis, "stance")
    assert re.search(rf"^stance\s+{stance['nodes']}\s+{stance['edges']}\s", out, re.M)
    assert re.search(r"^membership\s+167\s+166\s", out, re.M)
    assert re.search(r"^Coalition \d\s+Gilles Carbonnier\s", out, re.M)
    assert re.search(r"^no side taken\s+Anouar El Anouni\s", out, re.M)


def test_network_json_and_exports(snapshot, capsys, tmp_path, analysis):
    code, out, err = run_cli(snapshot, capsys, "network", "--format", "json", "--output", str(tmp_path))
    data = json.loads(out)
    assert code == 0
    assert {name: data["graphs"][name] for name in ("stance", "agreement", "reported")} == {
        name: _size(analysis, name) for name in ("stance", "agreement", "reported")
    }
    # the debate's signed graph is no longer balanced (the seed's was: frustration 0); the CLI prints the analysis's
    expected = analysis.to_dict()
    assert (
        data["frustration"] == expected["frustration"] > 0
        and len(data["coalitions"]) == len(expected["coalitions"]) == 2
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [f"{g}-network.{f}" for g in ("stance", "agreement", "reported", "membership") for f in ("graphml", "gexf")]
        + ["stance-network.png", "stance-network.svg"]
    )
    assert err.count("wrote ") == 10
    assert nx.read_gexf(tmp_path / "stance-network.gexf").number_of_edges() == _size(analysis, "stance")["edges"]

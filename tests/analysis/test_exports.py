"""GraphML and GEXF exports read back with networkx give the same nodes and edges; GEXF carries Gephi's
time attributes; the stance picture is written (PNG and SVG, non-empty) and lays the coalitions apart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from minegraph.analysis.graphml import export_all, write_graph
from minegraph.analysis.plot import layout, stance_picture
from minegraph.core.namespaces import iri

ROOT = Path(__file__).resolve().parents[2]
GEXF = "{http://www.gexf.net/1.2draft}"
GRAPHS = ("stance", "agreement", "reported", "membership")


def _edges(graph) -> set:
    return {(u, v) if graph.is_directed() else frozenset((u, v)) for u, v in graph.edges}


@pytest.fixture(scope="module")
def exported(analysis, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    written = export_all(analysis.graphs, out)
    assert sorted(p.name for p in written) == sorted(f"{g}-network.{f}" for g in GRAPHS for f in ("graphml", "gexf"))
    return out


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_trip_gives_the_same_nodes_and_edges(analysis, exported, name, fmt):
    original = analysis.graphs[name]
    read = (
        nx.read_graphml(exported / f"{name}-network.graphml")
        if fmt == "graphml"
        else nx.read_gexf(exported / f"{name}-network.gexf")
    )
    assert read.is_directed() == original.is_directed()
    assert set(read.nodes) == set(original.nodes)
    assert _edges(read) == _edges(original)
    assert read.number_of_edges() == original.number_of_edges()


def test_attributes_survive_the_round_trip(exported):
    carbonnier, latvia = str(iri("person", "gilles-carbonnier")), str(iri("decision", "LVA-withdrawal"))
    graphml = nx.read_graphml(exported / "stance-network.graphml")
    assert graphml.edges[carbonnier, latvia]["sign"] == -1
    assert graphml.edges[carbonnier, latvia]["stance"] == "oppose"
    assert graphml.nodes[carbonnier]["actor_type"] == "person"
    assert graphml.nodes[carbonnier]["coalition"].startswith("Coalition ")
    gexf = nx.read_gexf(exported / "stance-network.gexf")
    assert gexf.nodes[carbonnier]["label"] == "Gilles Carbonnier"
    assert gexf.edges[carbonnier, latvia]["stance"] == "oppose"
    assert gexf.edges[carbonnier, latvia]["start"] == "2025-04-10"
    membership = nx.read_graphml(exported / "membership-network.graphml")
    edge = membership.edges[str(iri("state", "LVA")), str(iri("treaty", "apmbc"))]
    assert edge["status_history"] == "consented 2005-07-01 2005-12-31; in force 2006-01-01 2025-12-26"


def test_gexf_has_gephi_time_intervals_and_dynamic_status(exported):
    root = ET.parse(exported / "membership-network.gexf").getroot()
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    dynamic = [a for a in graph.findall(f"{GEXF}attributes") if a.get("mode") == "dynamic"]
    assert [a.find(f"{GEXF}attribute").get("title") for a in dynamic] == ["status"]
    latvia = next(e for e in graph.iter(f"{GEXF}edge") if e.get("source").endswith("/state/LVA"))
    assert (latvia.get("start"), latvia.get("end")) == ("2005-07-01", "2025-12-26")
    status_id = dynamic[0].find(f"{GEXF}attribute").get("id")
    spells = [
        (v.get("value"), v.get("start"), v.get("end"))
        for v in latvia.iter(f"{GEXF}attvalue")
        if v.get("for") == status_id
    ]
    # in force until the withdrawal takes effect (Article 20(3)), as in-force-on-date counts it
    assert spells == [("consented", "2005-07-01", "2005-12-31"), ("in force", "2006-01-01", "2025-12-26")]
    stance = ET.parse(exported / "stance-network.gexf").getroot().find(f"{GEXF}graph")
    assert (stance.get("mode"), stance.get("timeformat")) == ("dynamic", "date")
    assert all(e.get("start") for e in stance.iter(f"{GEXF}edge"))
    assert not ET.parse(exported / "reported-network.gexf").getroot().find(f"{GEXF}graph").get("timeformat")


def test_an_unknown_file_type_is_refused(analysis, tmp_path):
    with pytest.raises(ValueError, match="expected .graphml or .gexf"):
        write_graph(analysis.graphs["stance"], tmp_path / "stance.dot")


def test_the_picture_is_written_png_and_svg(analysis, tmp_path):
    png, svg = stance_picture(analysis.graphs["stance"], analysis.coalitions, analysis.unaligned, tmp_path)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and png.stat().st_size > 50_000
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "Gilles Carbonnier" in text and "No side taken" in text
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically: no temporary file left


def test_the_layout_puts_the_coalitions_in_opposite_columns(analysis):
    positions, bands = layout(analysis.graphs["stance"], analysis.coalitions, analysis.unaligned)
    first, second = analysis.coalitions
    assert {positions[m][0] for m in first.members} == {0.0}
    assert {positions[m][0] for m in second.members} == {2.0}
    assert {x for n, (x, _) in positions.items() if analysis.graphs["stance"].nodes[n]["kind"] == "decision"} == {1.0}
    assert len(set(positions.values())) == len(positions)  # no two nodes on the same spot
    assert len(bands) == 3


def test_the_readme_picture_is_in_docs():
    picture = ROOT / "docs" / "stance-network.png"
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

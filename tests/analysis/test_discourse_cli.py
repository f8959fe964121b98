"""``minegraph network --kind/--window/--edge`` on a snapshot of the real project: tables, the rDNA-layout
CSV, JSON, the statements behind a tie, the window sequence and its files (GraphML, dynamic GEXF, CSV,
JSON), and exit code 2 with a clear message for what cannot be computed."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re

import networkx as nx
import pytest

from minegraph.cli import main
from minegraph.core.namespaces import iri
from tests.support.snapshot import run_cli

CARBONNIER, STRADA = str(iri("person", "gilles-carbonnier")), str(iri("person", "cecilia-strada"))
LATVIA = str(iri("organisation", "LVA-government"))


def run(snapshot, capsys, *args):
    return run_cli(snapshot, capsys, "network", *args)


def test_a_congruence_network_as_ties(snapshot, capsys):
    code, out, _ = run(snapshot, capsys, "--kind", "congruence", "--level", "organisation")
    assert code == 0
    assert out.startswith("congruence network, actors as organisations, normalisation none, binary qualifier")
    ties = list(itertools.takewhile(str.strip, out.splitlines()[3:]))
    values = [int(match.group(1)) for line in ties if (match := re.search(r"\s(\d+)\s+\d+\s+\S", line))]
    assert len(values) > 3 and values == sorted(values, reverse=True)  # strongest tie first
    # over the whole debate the ICRC is in the strongest tie, with ICBL-CMC; its tie with the European
    # Parliament (Carbonnier and Strada), the strongest in the seed, still ranks among the first
    assert "International Committee of the Red Cross" in ties[0]
    assert any(
        "International Committee of the Red Cross" in line and "European Parliament" in line for line in ties[:3]
    )


def test_the_matrix_in_rdna_layout_and_as_json(snapshot, capsys):
    code, out, _ = run(snapshot, capsys, "--kind", "subtract", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][0] == "" and len(rows) == len(rows[0])  # square, with a corner cell
    names = rows[0][1:]
    carbonnier, strada = names.index("Gilles Carbonnier"), names.index("Cecilia Strada")
    assert (
        rows[1 + carbonnier][1 + strada] == rows[1 + strada][1 + carbonnier]
        and int(rows[1 + strada][1 + carbonnier]) > 0
    )
    code, out, _ = run(snapshot, capsys, "--kind", "subtract", "--format", "json")
    record = json.loads(out)
    edge = next(e for e in record["edges"] if {e["source"], e["target"]} == {CARBONNIER, STRADA})
    assert record["kind"] == "subtract" and edge["evidence"].startswith("anchored-quote:") and edge["statements"]


def test_the_statements_behind_a_tie(snapshot, capsys):
    code, out, _ = run(snapshot, capsys, "--edge", "Gilles Carbonnier", "organisation:LVA-government")
    assert code == 0
    assert out.startswith("Gilles Carbonnier — Cabinet of Ministers of Latvia: -16 (subtract network")
    assert "10 statement(s) behind it" in out and "statement:euronews-2025-04-10-16-latvia-government-lethality" in out
    code, out, _ = run(snapshot, capsys, "--edge", "Carbonnier", "Strada", "--kind", "conflict", "--format", "json")
    assert code == 0 and json.loads(out) == []  # they never disagree


def test_windows_and_their_files(snapshot, capsys, tmp_path):
    code, out, err = run(
        snapshot, capsys, "--window", "1q", "--start", "2025-01-01", "--end", "2025-12-31", "--output", str(tmp_path)
    )
    assert code == 0 and out.startswith("Windows of 1q every 1q from 2025-01-01 to 2025-12-31")
    assert len([line for line in out.splitlines() if line.startswith("2025-")]) == 4
    dynamic = nx.read_gexf(tmp_path / "windows.gexf")
    assert dynamic.graph["mode"] == "dynamic" and CARBONNIER in dynamic
    windows = json.loads((tmp_path / "windows.json").read_text(encoding="utf-8"))
    assert [w["start"] for w in windows["windows"]] == ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01"]
    assert (tmp_path / "windows.csv").read_text(encoding="utf-8").startswith("start,end,statements,actors,polarisation")
    assert "wrote" in err
    for name in ("congruence-by-window", "polarisation-curve"):  # the pictures: real PNGs and SVGs
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "<svg" in (tmp_path / f"{name}.svg").read_text(encoding="utf-8")[:1000]


def test_one_network_exported(snapshot, capsys, tmp_path):
    code, _, _ = run(snapshot, capsys, "--kind", "affiliation", "--output", str(tmp_path))
    graph = nx.read_graphml(tmp_path / "affiliation-person-none.graphml")
    assert code == 0 and graph.edges[CARBONNIER, str(iri("decision", "LVA-withdrawal"))]["weight"] == 8
    assert (tmp_path / "affiliation-person-none.csv").is_file() and (
        tmp_path / "affiliation-person-none.json"
    ).is_file()


@pytest.mark.parametrize(
    "args, message",
    [
        (("--edge", "nobody at all", "Strada"), "'nobody at all' matches no actor or decision"),
        (("--edge", "person:nobody", "Strada"), "'person:nobody' names no actor or decision"),
        (("--window", "30x"), "bad time span '30x'"),
        (("--kind", "congruence", "--normalisation", "prominence"), "does not apply to a congruence network"),
        (("--window", "1q", "--start", "2025-12-31", "--end", "2025-01-01"), "is before the start"),
    ],
)
def test_what_cannot_be_computed_exits_2_with_a_message(snapshot, capsys, args, message):
    code, out, err = run(snapshot, capsys, *args)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_trace_on_an_edge_is_the_network_edge(snapshot, capsys):
    traced = (
        main(["--project", str(snapshot.root), "trace", "--edge", "Cecilia Strada", "EPP"]),
        capsys.readouterr().out,
    )
    code, out, _ = run(snapshot, capsys, "--edge", "Cecilia Strada", "EPP")
    assert traced == (0, out) and "Cecilia Strada — Group of the European People's Party" in out
    assert main(["--project", str(snapshot.root), "trace"]) == 2
    assert "say what to trace" in capsys.readouterr().err

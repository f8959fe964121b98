"""Row caps at the boundaries: exactly the cap, one over, none at all; every format written by pyoxigraph."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from minegraph.publish.capped import serialise_solutions, serialise_triples


@pytest.fixture(scope="module")
def store():
    store = ox.Store()
    for i in range(10):
        store.add(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(f"line\n{i}\t'\"")))
    return store


@pytest.mark.parametrize("cap,rows,truncated", [(10, 10, False), (9, 9, True), (1, 1, True), (50, 10, False)])
def test_select_cap(store, cap, rows, truncated):
    body, count, cut = serialise_solutions(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }"), "JSON", cap)
    bindings = json.loads(body)["results"]["bindings"]
    assert (len(bindings), count, cut) == (rows, rows, truncated)
    assert all(b["o"]["value"].startswith("line\n") for b in bindings)  # literals survive the TSV round trip


def test_select_no_rows_and_no_variables(store):
    body, count, cut = serialise_solutions(store.query("SELECT ?s WHERE { ?s <http://e/none> ?o }"), "CSV", 5)
    assert (body.strip(), count, cut) == (b"s", 0, False)
    body, count, _ = serialise_solutions(store.query("SELECT * WHERE { }"), "JSON", 5)
    assert json.loads(body)["results"]["bindings"] == [{}] and count == 1


@pytest.mark.parametrize("fmt", ["TURTLE", "N_TRIPLES", "JSON_LD"])
def test_graph_cap(store, fmt):
    body, count, cut = serialise_triples(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), fmt, 4, {"e": "http://e/"})
    parsed = list(ox.parse(body, format=getattr(ox.RdfFormat, fmt)))
    assert (len(parsed), count, cut) == (4, 4, True)
    body, count, cut = serialise_triples(store.query("CONSTRUCT WHERE { ?s <http://e/none> ?o }"), fmt, 4, {})
    assert (count, cut) == (0, False)

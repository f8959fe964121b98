"""``minegraph push --server virtuoso`` against a real Virtuoso: the named graph holds exactly the
project's triples, bad or missing credentials give one clear error, and the instance the project
starts listens on loopback only."""

from __future__ import annotations

import importlib.util
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from minegraph.cli import main
from minegraph.errors import InputError
from minegraph.scaleout.virtuoso import VirtuosoStore, graph_store_url_for, read_password
from minegraph.store.remote import RemoteStore
from tests.support.engines import virtuoso_push_args

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.virtuoso
SCRATCH_GRAPH = "urn:minegraph:test:scratch"


def test_each_named_graph_holds_as_many_triples_as_the_embedded_store(virtuoso_stores, real_stores, fixture_stores):
    assert virtuoso_stores["real"].triple_count() == real_stores["oxigraph"].triple_count()
    assert virtuoso_stores["fixture"].triple_count() == fixture_stores["oxigraph"].triple_count()


def test_push_then_download_gives_the_same_graph(virtuoso, fixture_project, fixture_stores, capsys):
    assert (
        main(virtuoso_push_args(virtuoso, fixture_project, SCRATCH_GRAPH, "--password-file", virtuoso["password_file"]))
        == 0
    )
    assert f"triples to {virtuoso['endpoint']} (graph <{SCRATCH_GRAPH}>)" in capsys.readouterr().out
    store = VirtuosoStore(
        virtuoso["endpoint"], graph=SCRATCH_GRAPH, user="dba", password=read_password(virtuoso["password_file"])
    )
    assert store.triple_count() == fixture_stores["oxigraph"].triple_count()
    assert isomorphic(Graph().parse(data=store.download(), format="nt"), fixture_stores["oxigraph"].graph())


def test_push_replaces_the_graph_and_append_adds_to_it(virtuoso, fixture_project, real_project):
    password = ["--password-file", virtuoso["password_file"]]
    assert main(virtuoso_push_args(virtuoso, real_project, SCRATCH_GRAPH, *password)) == 0
    assert main(virtuoso_push_args(virtuoso, fixture_project, SCRATCH_GRAPH, *password)) == 0
    replaced = RemoteStore(virtuoso["endpoint"], graph=SCRATCH_GRAPH).triple_count()
    assert main(virtuoso_push_args(virtuoso, real_project, SCRATCH_GRAPH, *password, "--append")) == 0
    assert RemoteStore(virtuoso["endpoint"], graph=SCRATCH_GRAPH).triple_count() > replaced


def test_a_wrong_password_is_one_clear_error(virtuoso, fixture_project, tmp_path, capsys):
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-password\n")
    assert main(virtuoso_push_args(virtuoso, fixture_project, SCRATCH_GRAPH, "--password-file", str(wrong))) == 3
    error = capsys.readouterr().err
    assert "upload failed with HTTP 401" in error and virtuoso["graph_store"] in error and "Traceback" not in error


def test_a_missing_password_is_refused_before_loading(virtuoso, fixture_project, capsys, monkeypatch):
    monkeypatch.delenv("MINEGRAPH_ENDPOINT_PASSWORD", raising=False)
    assert main(virtuoso_push_args(virtuoso, fixture_project, SCRATCH_GRAPH)) == 2
    assert "--password-file" in capsys.readouterr().err


def test_the_query_endpoint_is_read_only_for_anonymous_users(virtuoso):
    body = "update=INSERT%20DATA%20%7B%3Curn:x%3E%20%3Curn:y%3E%20%3Curn:z%3E%7D".encode()
    request = urllib.request.Request(
        virtuoso["endpoint"], data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=30).read()


def test_without_a_graph_virtuoso_reads_every_graph_its_own_included(virtuoso, virtuoso_stores):
    """Why push always fills a named graph and queries name it: the union is not the project's graph."""
    assert RemoteStore(virtuoso["endpoint"]).triple_count() > virtuoso_stores["real"].triple_count()


def test_the_instance_listens_on_loopback_only(virtuoso):
    spec = importlib.util.spec_from_file_location("minegraph_scaleout_instance", ROOT / "scaleout" / "instance.py")
    instance = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(instance)
    if not Path(f"/proc/{virtuoso['pid']}/fd").exists():
        pytest.skip("the Virtuoso process is not visible from here")
    addresses = instance.check_loopback_only(virtuoso["pid"])
    assert {a.rsplit(":", 1)[1] for a in addresses} >= {
        virtuoso["sql"].rsplit(":", 1)[1],
        virtuoso["http"].rsplit(":", 1)[1],
    }


def test_the_graph_store_url_is_derived_from_the_query_endpoint():
    assert graph_store_url_for("http://127.0.0.1:8890/sparql") == "http://127.0.0.1:8890/sparql-graph-crud-auth"
    assert graph_store_url_for("https://example.org/db/sparql/?x=1") == "https://example.org/db/sparql-graph-crud-auth"
    with pytest.raises(InputError, match="--store-url"):
        graph_store_url_for("http://127.0.0.1:7878/query")


def test_a_password_file_must_hold_a_password(tmp_path):
    empty = tmp_path / "empty"
    empty.write_text("\n")
    with pytest.raises(InputError, match="empty"):
        read_password(empty)
    with pytest.raises(InputError, match="cannot read"):
        read_password(tmp_path / "missing")

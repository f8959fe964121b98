"""The second wall behind the parse-based SERVICE refusal: a query worker cannot open a network
connection at all, not even to 127.0.0.1 — proved with a loopback listener that must receive nothing."""

from __future__ import annotations

import os
import time

import pytest

from minegraph.bench.loadserver import Listener
from minegraph.errors import QueryError

SERVICE = "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"


def _probe(port: int) -> tuple[str, str]:
    """In a forked child: confine it as a query worker is, then try to connect; (wall, outcome)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no pytest code runs here past this block
        import socket

        from minegraph.store.supervised import confine

        wall, outcome = confine(), "connected"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        except OSError as exc:
            outcome = type(exc).__name__
        os.write(write, f"{wall} {outcome}".encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as handle:
        wall, outcome = handle.read().split()
    return wall, outcome


def test_a_confined_worker_cannot_reach_a_loopback_listener():
    listener = Listener()
    try:
        wall, outcome = _probe(listener.port)
        time.sleep(0.2)
        if wall == "none":
            pytest.skip("this system allows no network namespace; the parse-based refusal is the only wall here")
        assert wall in ("namespace", "user-namespace") and outcome != "connected"
        assert listener.connections == 0
    finally:
        listener.close()


@pytest.mark.parametrize("persisted", [True, False], ids=["spawned-worker", "forked-worker"])
def test_a_service_query_slipped_past_every_check_reaches_nothing(tmp_path, small_project, persisted):
    """The worker evaluates a SERVICE query handed to it directly (no guard, no parse check): the engine
    tries the request, and the worker's network namespace stops it."""
    from minegraph.core.project import Project
    from minegraph.store import open_store
    from minegraph.store.bounded import stream_oxigraph
    from minegraph.store.oxigraph import OxigraphStore

    listener = Listener()
    store = open_store(Project(small_project)) if persisted else OxigraphStore()
    try:
        with pytest.raises(QueryError):
            stream_oxigraph(store, SERVICE.format(port=listener.port), "SELECT", 30, None).to_result()
        time.sleep(0.2)
        assert listener.connections == 0
    finally:
        store.close()
        listener.close()


def test_a_store_opened_for_federation_keeps_its_network(tmp_path):
    """``allow_service`` (``--allow-service``) gives the worker the network back: the wall is the default, not a bug."""
    from minegraph.store.bounded import stream_oxigraph
    from minegraph.store.oxigraph import OxigraphStore

    listener = Listener()
    store = OxigraphStore(allow_service=True)
    try:
        with pytest.raises(QueryError):  # the listener is no SPARQL endpoint
            stream_oxigraph(store, SERVICE.format(port=listener.port), "SELECT", 30, None).to_result()
        time.sleep(0.2)
        assert listener.connections >= 1
    finally:
        store.close()
        listener.close()


def test_a_query_past_the_worker_memory_cap_fails_alone_and_says_why(small_project, monkeypatch):
    """A sort of 27 million rows needs gigabytes: with the cap at 1 GiB the worker dies, the caller is told."""
    from minegraph.core.project import Project
    from minegraph.store import open_store
    from minegraph.store.bounded import close_idle, stream_oxigraph

    monkeypatch.setenv("MINEGRAPH_WORKER_MEMORY", str(1 << 30))
    close_idle()  # a kept worker was started under the default cap
    values = " ".join(map(str, range(300)))
    text = f"SELECT * {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }} ORDER BY DESC(?a) LIMIT 1"
    store = open_store(Project(small_project))
    try:
        with pytest.raises(QueryError, match=r"more memory than a query worker may use \(1 GiB\)"):
            stream_oxigraph(store, text, "SELECT", 120, None).to_result()
        assert stream_oxigraph(store, "ASK { ?s ?p ?o }", "ASK", 30, None).boolean is True
    finally:
        store.close()
        close_idle()

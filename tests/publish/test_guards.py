"""The endpoint's guards, each against the real server: SERVICE, limits, timeout, crashes, load, caps."""

from __future__ import annotations

import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from minegraph.bench.loadserver import Listener
from tests.support.endpoint import get, http, start_server
from tests.support.processes import running

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


SERVICE_POSITIONS = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <http://127.0.0.1:{port}/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { OPTIONAL { { ?s ?p ?o } UNION { service <http://127.0.0.1:{port}/> { ?s ?p ?o } } } }",
    "PREFIX x: <http://127.0.0.1:{port}/>\nASK { SERVICE x: { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    # a lexer's IRI <?b#> and long string hide what the grammar reads as a comment and a SERVICE clause
    'SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b#>"""\n) SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } } #"""',
    "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE:x { ?s ?p ?o } } }",
]


@pytest.mark.parametrize("template", SERVICE_POSITIONS)
def test_service_refused_with_no_outbound_request(server, template):
    listener = Listener()
    try:
        status, _, body = get(server, template.replace("{port}", str(listener.port)))
        time.sleep(0.3)
        assert status == 400 and json.loads(body)["error"] == "service"
        assert listener.connections == 0
    finally:
        listener.close()


def test_slow_query_is_stopped_and_the_server_answers_the_next(server):
    before = server.health()
    started = time.monotonic()
    status, headers, body = get(server, CROSS_PRODUCT)
    took = time.monotonic() - started
    answer = json.loads(body)
    assert status == 504 and answer["error"] == "timeout" and headers["Content-Type"] == "application/json"
    assert took < 2 + 3
    deadline = time.monotonic() + 20
    while server.health()["replaced"] == before["replaced"] and time.monotonic() < deadline:
        time.sleep(0.1)
    after = server.health()
    killed = set(before["workers"]) - set(after["workers"])
    assert len(killed) == 1 and not any(running(pid) for pid in killed)  # its CPU work stopped with it
    assert get(server, "ASK { ?s ?p ?o }")[0] == 200


@pytest.mark.parametrize(
    "text",
    [
        "ASK { FILTER(" + "(" * 200 + "true" + ")" * 200 + ") }",
        "ASK {" + "{" * 5000 + "}" * 5000 + "}",
        "ASK { ?s " + "/".join(["<p>"] * 5000) + " ?o }",
        "ASK { FILTER(" + "!" * 20000 + "true) }",
    ],
)
def test_deep_nesting_refused_before_parsing(server, text):
    status, _, body = http(server, "/query", text.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and json.loads(body)["error"] == "too-deep"
    assert get(server, "ASK { ?s ?p ?o }")[0] == 200


def test_too_long_refused(server):
    text = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 40_000
    status, _, body = http(server, "/query", text.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and json.loads(body)["error"] == "too-long"


def test_a_crashed_worker_never_takes_the_server_down(server):
    victim = server.health()["workers"][0]
    with ThreadPoolExecutor(2) as pool:
        slow = [pool.submit(get, server, CROSS_PRODUCT) for _ in range(2)]
        time.sleep(0.5)
        os.kill(victim, signal.SIGKILL)
        statuses = sorted(f.result()[0] for f in slow)
    assert statuses[0] in (502, 504) and set(statuses) <= {502, 504}
    deadline = time.monotonic() + 20
    while len(server.health()["workers"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert victim not in server.health()["workers"]
    assert get(server, "ASK { ?s ?p ?o }")[0] == 200


def test_a_hundred_concurrent_requests_none_lost(server):
    text = "PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT (COUNT(?s) AS ?n) WHERE { ?s a mg:State }"
    with ThreadPoolExecutor(100) as pool:
        answers = list(pool.map(lambda _: get(server, text, format="json"), range(100)))
    counts = [json.loads(body)["results"]["bindings"][0]["n"]["value"] for status, _, body in answers if status == 200]
    assert len(counts) == 100 and len(set(counts)) == 1 and int(counts[0]) > 190


@pytest.fixture(scope="module")
def small_server(tmp_path_factory):
    """A server with one worker and room for one request in flight."""
    started = start_server(
        tmp_path_factory.mktemp("small"), "--timeout", "2", "--workers", "1", "--max-concurrent", "1"
    )
    yield started
    started.stop()


def test_concurrency_cap_answers_429_with_retry_after(small_server):
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(get, small_server, CROSS_PRODUCT)
        time.sleep(0.5)
        status, headers, body = get(small_server, "ASK { ?s ?p ?o }")
        assert status == 429 and int(headers["Retry-After"]) > 0 and json.loads(body)["error"] == "busy"
        assert slow.result()[0] == 504


def test_sigterm_stops_server_and_workers(small_server):
    workers = small_server.health()["workers"]
    assert small_server.stop() == 0
    assert not running(small_server.process.pid)
    assert not any(running(pid) for pid in workers)


def test_sigint_stops_server_and_workers(tmp_path):
    started = start_server(tmp_path, "--workers", "1")
    workers = started.health()["workers"]
    started.process.send_signal(signal.SIGINT)
    assert started.process.wait(15) == 0
    assert not any(running(pid) for pid in workers)


def test_huge_body_refused_without_buffering_it(server):
    status, _, body = http(server, "/query", b"#" * 2_000_000, {"Content-Type": "application/sparql-query"})
    assert status == 413 and json.loads(body)["error"] == "too-long"
    assert get(server, "ASK { ?s ?p ?o }")[0] == 200

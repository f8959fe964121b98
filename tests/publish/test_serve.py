"""``minegraph serve``: the project's graph behind a real, read-only Oxigraph endpoint with a query page."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from minegraph.bench.loadserver import free_port
from tests.support.stores import wait_until_serving


@pytest.fixture(scope="module")
def served(real_project):
    port = free_port()
    env = {**os.environ, "MINEGRAPH_HOME": str(real_project.root)}
    minegraph = Path(sys.executable).parent / "minegraph"
    process = subprocess.Popen(
        [str(minegraph), "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, "minegraph serve")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_endpoint_answers_sparql_over_the_project_graph(served):
    from minegraph.store.remote import RemoteStore

    rows = (
        RemoteStore(f"{served}/query")
        .query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/minegraph/ontology#State> }")
        .rows
    )
    assert rows == [{"n": 197}]


def test_the_query_page_is_served_at_the_root(served):
    with urllib.request.urlopen(f"{served}/", timeout=5) as response:
        page = response.read().decode("utf-8", "replace")
    assert response.status == 200 and "<html" in page.lower()


def test_the_endpoint_refuses_updates(served):
    body = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    request = urllib.request.Request(
        f"{served}/update", data=body, method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code in (403, 404, 405)
